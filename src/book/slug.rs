//! Text for matching and naming: accent- and case-insensitive folding for `contact search`, and
//! contact ids made from names (`Acme Trading` -> `acme-trading`).

pub use crate::text::fold;

/// Names that Windows reserves for devices: a file `con.toml` would open the console there.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// True when an id (a file stem) is a Windows device name, with or without an extension.
pub fn is_reserved_name(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or(id);
    RESERVED.contains(&stem.to_ascii_lowercase().as_str())
}

/// The longest slug made from a name, so ids stay readable and far from the 64-character limit.
const MAX_SLUG: usize = 40;

/// A contact id from a name: folded to ASCII, lower case, runs of other characters turned into
/// one `-`, at most 40 characters, cut at a word boundary. `None` when nothing usable is left
/// (a name in Chinese characters, say).
pub fn slug(name: &str) -> Option<String> {
    let mut slug = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() > MAX_SLUG {
        let cut = slug[..=MAX_SLUG]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(MAX_SLUG);
        slug.truncate(cut);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    (!slug.is_empty()).then_some(slug)
}

/// A unique id for a new contact named `name`: its slug, else `contact`; then `-2`, `-3`, ...
/// until `taken` says no. Windows device names get a suffix too.
pub fn unique_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slug(name).unwrap_or_else(|| "contact".to_string());
    if !taken(&base) && !is_reserved_name(&base) {
        return base;
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Étienne"), "etienne");
        assert_eq!(fold("CRÈME BRÛLÉE"), "creme brulee");
        assert_eq!(fold("Straße Øster Łódź"), "strasse oster lodz");
        assert_eq!(fold("北京贝塔科技"), "北京贝塔科技");
        assert!(fold("北京贝塔科技有限公司").contains(&fold("贝塔")));
        assert_eq!(fold("e\u{301}tienne"), "etienne", "decomposed input");
        assert_eq!(fold("ＡＢＣ"), "abc", "full-width letters");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Acme Trading").as_deref(), Some("acme-trading"));
        assert_eq!(
            slug("  Brasserie du Sablon SPRL ").as_deref(),
            Some("brasserie-du-sablon-sprl")
        );
        assert_eq!(
            slug("Crème & Café — Liège").as_deref(),
            Some("creme-cafe-liege")
        );
        assert_eq!(slug("北京贝塔科技"), None);
        assert_eq!(slug("Beta 北京"), Some("beta".into()));
        let long = slug("The Very Long Name Of A Company That Never Ends Incorporated").unwrap();
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
        assert_eq!(long, "the-very-long-name-of-a-company-that");
    }

    #[test]
    fn unique_ids() {
        let taken = ["acme", "acme-2"];
        assert_eq!(unique_id("ACME", |id| taken.contains(&id)), "acme-3");
        assert_eq!(unique_id("Beta", |id| taken.contains(&id)), "beta");
        assert_eq!(unique_id("北京", |_| false), "contact");
        assert_eq!(unique_id("Con", |_| false), "con-2");
        assert!(is_reserved_name("NUL"));
        assert!(is_reserved_name("com1.backup"));
        assert!(!is_reserved_name("console"));
    }
}
