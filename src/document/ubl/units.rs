//! UN/ECE Recommendation 20 unit codes for the units people type.

/// UN/ECE Recommendation 20 unit codes for the units people type.
pub fn unit_code(unit: Option<&str>) -> &'static str {
    let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) else {
        return "C62";
    };
    let lower = unit.to_lowercase();
    match lower.as_str() {
        "h" | "hr" | "hrs" | "hour" | "hours" | "heure" | "heures" | "uur" | "uren" | "std"
        | "stunde" | "stunden" | "小时" | "时" => "HUR",
        "d" | "day" | "days" | "jour" | "jours" | "dag" | "dagen" | "tag" | "tage" | "天"
        | "日" => "DAY",
        "min" | "minute" | "minutes" | "分钟" => "MIN",
        "week" | "weeks" | "semaine" | "semaines" | "weken" | "woche" | "wochen" | "周" => "WEE",
        "month" | "months" | "mois" | "maand" | "maanden" | "monat" | "monate" | "月" => "MON",
        "year" | "years" | "an" | "ans" | "année" | "jaar" | "jahr" | "jahre" | "年" => "ANN",
        "pc" | "pcs" | "piece" | "pieces" | "pièce" | "pièces" | "stuk" | "stuks" | "st"
        | "stk" | "stück" | "件" | "个" => "H87",
        "kg" => "KGM",
        "g" => "GRM",
        "t" => "TNE",
        "m" => "MTR",
        "km" => "KMT",
        "m2" | "m²" => "MTK",
        "m3" | "m³" => "MTQ",
        "l" => "LTR",
        "set" | "lot" | "forfait" | "lump" | "套" => "SET",
        "kwh" => "KWH",
        _ => match unit {
            // Already a code: HUR, C62, XPP...
            code if (2..=3).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
            {
                UNIT_CODES
                    .iter()
                    .find(|known| **known == code)
                    .copied()
                    .unwrap_or("C62")
            }
            _ => "C62",
        },
    }
}

/// The unit codes folio writes or accepts as typed.
const UNIT_CODES: &[&str] = &[
    "HUR", "DAY", "MIN", "WEE", "MON", "ANN", "H87", "C62", "KGM", "GRM", "TNE", "MTR", "KMT",
    "MTK", "MTQ", "LTR", "SET", "KWH", "E48", "LS", "XPP", "EA",
];

#[cfg(test)]
mod tests {
    use super::unit_code;

    #[test]
    fn units_are_read_in_each_language_folio_writes() {
        for (units, code) in [
            (["day", "jours", "dagen", "Tage"], "DAY"),
            (["hours", "heures", "uur", "Std"], "HUR"),
            (["pcs", "pièces", "stuks", "Stück"], "H87"),
        ] {
            for unit in units {
                assert_eq!(unit_code(Some(unit)), code, "{unit}");
            }
        }
    }
}
