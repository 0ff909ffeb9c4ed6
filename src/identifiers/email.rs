//! E-mail addresses checked for the syntax mail servers accept.

/// Checks an e-mail address: one `@`, a local part of letters, digits and
/// ``!#$%&'*+/=?^_`{|}~.-`` without leading, trailing or doubled dots, and a domain of at least two
/// labels of letters, digits and inner hyphens (non-ASCII letters are allowed: internationalised
/// addresses).
pub(crate) fn check_email(text: &str) -> Result<(), String> {
    let invalid = |why: &str| Err(format!("invalid e-mail address `{text}`: {why}"));
    let Some((local, domain)) = text.split_once('@') else {
        return invalid("expected one @, as in ap@acme.example");
    };
    if domain.contains('@') {
        return invalid("more than one @");
    }
    if local.is_empty() || local.len() > 64 {
        return invalid("the part before @ must hold 1 to 64 characters");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return invalid("dots before @ may not lead, trail or follow each other");
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok {
        return invalid(
            "the part before @ holds a character that is not allowed (spaces, quotes, commas...)",
        );
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return invalid("expected a domain with a dot after @, as in acme.example");
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return invalid(
                "the domain after @ must be labels of letters, digits and inner hyphens separated by dots",
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in [
            "ap@acme.example",
            "a.b+tag@sub.acme.example",
            "李@例子.中国",
            "o'neil@x.ie",
        ] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "nobody",
            "a@b",
            "a@@b.c",
            ".a@b.c",
            "a..b@c.d",
            "a b@c.d",
            "a@-b.c",
            "a@b..c",
            "\"a\"@b.c",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
