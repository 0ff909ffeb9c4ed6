use crate::util::TestBook;
