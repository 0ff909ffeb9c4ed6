//! A party (seller or buyer) in UBL: its electronic address, name, postal address, VAT and
//! legal identifiers, and contact.

use super::xml::Xml;
use crate::document::model::Party;

/// The `cac:Party` of the seller or the buyer. Its electronic address is its Peppol id, set or
/// derived ([`Party::participant_id`]); a party without one gets none (EN 16931 does not require
/// it; Peppol does, and the document is then not for Peppol). `vat_ids` is false on a document
/// with items not subject to VAT (category O), which names no VAT id at all (BR-O-02); the
/// seller is then identified by its registration number, or by its Peppol id when that is an
/// ISO 6523 registration scheme (BR-CO-26).
pub(super) fn party(xml: &mut Xml, party: &Party, seller: bool, vat_ids: bool) {
    xml.open("cac:Party");
    let participant = party.participant_id();
    if let Some(id) = &participant {
        xml.leaf_attr("cbc:EndpointID", "schemeID", id.scheme, &id.value);
    }
    // EAS codes below 9000 are ISO 6523 codes too (BR-CL-10), the 99xx VAT schemes are not.
    if seller
        && !vat_ids
        && party.company_id.is_none()
        && let Some(id) = participant.as_ref().filter(|id| id.scheme.starts_with('0'))
    {
        xml.open("cac:PartyIdentification");
        xml.leaf_attr("cbc:ID", "schemeID", id.scheme, &id.value);
        xml.close("cac:PartyIdentification");
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
    if let Some(vat) = vat.as_deref().filter(|_| prefixed && vat_ids) {
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
    if party.email.is_some() || party.phone.is_some() || party.contact_name.is_some() {
        xml.open("cac:Contact");
        if let Some(name) = &party.contact_name {
            xml.leaf("cbc:Name", name);
        }
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
