//! E-mail addresses checked for the syntax mail servers accept, and written the way every mail
//! server can carry them.

/// Checks an e-mail address: one `@`, a local part of ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~.-`` without leading, trailing or doubled dots, and a domain of at least two
/// labels of letters, digits and inner hyphens; the letters of the domain may be non-ASCII (an
/// internationalised domain name, which must be valid IDNA).
pub(crate) fn check_email(text: &str) -> Result<(), String> {
    ascii_address(text)
        .map(|_| ())
        .map_err(|why| format!("invalid e-mail address `{text}`: {why}"))
}

/// The address as a mail header carries it: the domain in its ASCII form (IDNA 2008, RFC 5891:
/// `jean@café.example` is `jean@xn--caf-dma.example`), the part before @ as written. The error
/// says why the address fails [`check_email`].
///
/// The part before @ must be ASCII: a non-ASCII one (`用户@例子.广告`) only travels as UTF-8
/// (RFC 6531/6532), which every server on its way must support, and no ASCII spelling can stand
/// for it; folio writes ASCII headers, so such an address is refused, never written raw.
pub(crate) fn ascii_address(text: &str) -> Result<String, String> {
    let Some((local, domain)) = text.split_once('@') else {
        return Err("expected one @, as in ap@acme.example".into());
    };
    if domain.contains('@') {
        return Err("more than one @".into());
    }
    check_local_part(local)?;
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return Err("expected a domain with a dot after @, as in acme.example".into());
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return Err(
                "the domain after @ must be labels of letters, digits and inner hyphens separated by dots"
                    .into(),
            );
        }
    }
    if domain.is_ascii() {
        return Ok(text.to_string());
    }
    let ascii = idna::domain_to_ascii_strict(domain).map_err(|_| {
        format!("the domain `{domain}` is not a valid internationalised domain name (IDNA)")
    })?;
    Ok(format!("{local}@{ascii}"))
}

/// The part before @: 1 to 64 ASCII characters, dots only between others.
fn check_local_part(local: &str) -> Result<(), String> {
    if local.is_empty() || local.len() > 64 {
        return Err("the part before @ must hold 1 to 64 characters".into());
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("dots before @ may not lead, trail or follow each other".into());
    }
    if !local.is_ascii() {
        return Err(
            "the part before @ is not ASCII: such an address needs mail servers that all support SMTPUTF8 (RFC 6531), and folio writes ASCII headers; ask for an ASCII address"
                .into(),
        );
    }
    if !local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
    {
        return Err(
            "the part before @ holds a character that is not allowed (spaces, quotes, commas...)"
                .into(),
        );
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
            "li@例子.中国",
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

    #[test]
    fn internationalised_domains_are_written_in_punycode() {
        // RFC 3492's encoding of each label: café = caf-dma, 例子 = fsqu00a, 中国 = fiqs8s.
        assert_eq!(
            ascii_address("jean@café.example").as_deref(),
            Ok("jean@xn--caf-dma.example")
        );
        assert_eq!(
            ascii_address("li@例子.中国").as_deref(),
            Ok("li@xn--fsqu00a.xn--fiqs8s")
        );
        // ASCII addresses are written as they are.
        assert_eq!(
            ascii_address("AP@Acme.example").as_deref(),
            Ok("AP@Acme.example")
        );
    }

    #[test]
    fn a_non_ascii_part_before_the_at_is_refused() {
        for address in ["用户@例子.广告", "josé@example.com", "李@例子.中国"] {
            let error = check_email(address).unwrap_err();
            assert!(error.contains("not ASCII"), "{address}: {error}");
        }
    }
}
