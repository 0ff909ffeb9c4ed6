//! The HTML alternative of an e-mail: the text body itself, escaped, in a small page that keeps
//! its lines and the columns of its tables (a monospaced font, lines kept as they are, long ones
//! wrapped). Derived from the text rather than from templates of its own, so the two
//! alternatives of a message can never say different things, and a book that changes a text
//! template changes its HTML with it.

/// The page of `body`, titled `subject`, in `language` (its `lang` attribute).
pub(crate) fn page(subject: &str, body: &str, language: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n\
         <pre style=\"font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 14px; \
         white-space: pre-wrap; overflow-wrap: break-word\">{}</pre>\n</body>\n</html>\n",
        escape(language),
        escape(subject),
        escape(body.trim_end())
    )
}

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_the_text_and_says_its_language() {
        let page = page("A <b>", "Tom & \"Jerry\" <script>\n  INV-1  €10\n", "fr-BE");
        assert!(page.contains("<html lang=\"fr-BE\">"), "{page}");
        assert!(page.contains("<title>A &lt;b&gt;</title>"), "{page}");
        assert!(
            page.contains("Tom &amp; &quot;Jerry&quot; &lt;script&gt;\n  INV-1  €10</pre>"),
            "{page}"
        );
        assert!(!page.contains("<script>"));
    }
}
