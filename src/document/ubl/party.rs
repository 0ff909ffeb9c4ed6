//! A party (seller or buyer) in UBL: its electronic address, name, postal address, VAT and
//! legal identifiers, and contact.

use super::xml::Xml;
use crate::document::model::Party;

/// The Peppol electronic address scheme (EAS) of a VAT number, from its prefix.
fn endpoint(party: &Party) -> Option<(&'static str, String)> {
    if let Some(vat) = party.vat.as_deref() {
        let vat = crate::identifiers::vat::compact(vat);
        let scheme = match vat.get(..2) {
            Some("BE") => Some("9925"),
            Some("FR") => Some("9957"),
            Some("NL") => Some("9944"),
            Some("DE") => Some("9930"),
            Some("IT") => Some("9906"),
            Some("ES") => Some("9920"),
            Some("LU") => Some("9938"),
            Some("AT") => Some("9914"),
            Some("PT") => Some("9946"),
            Some("IE") => Some("9935"),
            Some("GB") => Some("9932"),
            _ => None,
        };
        if let Some(scheme) = scheme {
            return Some((scheme, vat));
        }
    }
    party
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .map(|email| ("EM", email.trim().to_string()))
}

/// The `cac:Party` of the seller or the buyer.
pub(super) fn party(xml: &mut Xml, party: &Party, seller: bool) {
    xml.open("cac:Party");
    if let Some((scheme, id)) = endpoint(party) {
        xml.leaf_attr("cbc:EndpointID", "schemeID", scheme, &id);
    }
    xml.open("cac:PartyName");
    xml.leaf("cbc:Name", &party.name);
    xml.close("cac:PartyName");
    xml.open("cac:PostalAddress");
    if let Some(street) = &party.street {
        xml.leaf("cbc:StreetName", street);
    }
    if let Some(city) = &party.city {
        xml.leaf("cbc:CityName", city);
    }
    if let Some(postcode) = &party.postcode {
        xml.leaf("cbc:PostalZone", postcode);
    }
    if let Some(region) = &party.region {
        xml.leaf("cbc:CountrySubentity", region);
    }
    xml.open("cac:Country");
    xml.leaf(
        "cbc:IdentificationCode",
        party.country.as_deref().unwrap_or(""),
    );
    xml.close("cac:Country");
    xml.close("cac:PostalAddress");
    let vat = party.vat.as_deref().map(crate::identifiers::vat::compact);
    // A VAT number has a country prefix (BR-CO-09); another tax id (a Chinese USCC) is a legal
    // registration id.
    let prefixed = vat
        .as_deref()
        .is_some_and(|v| v.len() > 2 && v.as_bytes()[..2].iter().all(u8::is_ascii_uppercase));
    if let Some(vat) = vat.as_deref().filter(|_| prefixed) {
        xml.open("cac:PartyTaxScheme");
        xml.leaf("cbc:CompanyID", vat);
        xml.open("cac:TaxScheme");
        xml.leaf("cbc:ID", "VAT");
        xml.close("cac:TaxScheme");
        xml.close("cac:PartyTaxScheme");
    }
    xml.open("cac:PartyLegalEntity");
    xml.leaf("cbc:RegistrationName", &party.name);
    match (&party.company_id, vat.as_deref().filter(|_| !prefixed)) {
        (Some(id), _) => xml.leaf("cbc:CompanyID", id),
        (None, Some(tax_id)) => xml.leaf("cbc:CompanyID", tax_id),
        (None, None) => {}
    }
    if seller && let Some(legal) = &party.legal {
        xml.leaf("cbc:CompanyLegalForm", legal);
    }
    xml.close("cac:PartyLegalEntity");
    if party.email.is_some() || party.phone.is_some() {
        xml.open("cac:Contact");
        if let Some(phone) = &party.phone {
            xml.leaf("cbc:Telephone", phone);
        }
        if let Some(email) = &party.email {
            xml.leaf("cbc:ElectronicMail", email);
        }
        xml.close("cac:Contact");
    }
    xml.close("cac:Party");
}
