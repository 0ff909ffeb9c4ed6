//! The workbook reader on arbitrary bytes, as `folio import` and `folio reconcile` read a file
//! that starts like a ZIP or OLE container: never a panic, and when a sheet is read, every row and
//! cell of the table is at a place in the sheet (row and column from 1).
#![no_main]

use folio::input::spreadsheet;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = spreadsheet::read_table(data, Path::new("fuzz.xlsx"), None, 0) {
        for row in std::iter::once(&table.header).chain(&table.rows) {
            assert!(row.line >= 1 && row.number == row.line);
            assert!(row.cells.iter().all(|cell| cell.line == row.line && cell.column >= 1));
        }
    }
});
