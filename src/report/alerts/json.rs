//! The JSON of an alert (docs/commands/alerts.md).

use super::Alert;
use crate::money::Currency;
use crate::tabular::Cell;
use serde::ser::{SerializeMap, Serializer};

/// The numbers behind an alert, as a JSON object.
struct Values<'a>(&'a [(&'static str, Cell<'static>)]);

impl serde::Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, cell) in self.0 {
            map.serialize_entry(key, cell)?;
        }
        map.end()
    }
}

impl serde::Serialize for Alert {
    /// The JSON of docs/commands/alerts.md: severity, kind, category, contact, name, currency,
    /// document, date, new, message, values.
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(11))?;
        map.serialize_entry("severity", self.severity.as_str())?;
        map.serialize_entry("kind", self.kind.as_str())?;
        map.serialize_entry("category", self.kind.category().as_str())?;
        map.serialize_entry("contact", &self.contact)?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("currency", &self.currency.as_ref().map(Currency::as_str))?;
        map.serialize_entry("document", &self.document)?;
        map.serialize_entry("date", &self.date.map(|d| d.to_string()))?;
        map.serialize_entry("new", &self.new)?;
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("values", &Values(&self.values))?;
        map.end()
    }
}
