//! The header of a received document (number, dates, currency, terms, the invoice it corrects),
//! its seller and its embedded files.

use super::{Attachment, NS_CAC, NS_CBC, Reader, Received, Seller, at_path, child, children, text};
use crate::money::Currency;
use base64::Engine;
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// Reads the whole document; `None` when something required is missing or unreadable (the
    /// problems are recorded).
    pub(super) fn document(&mut self, root: Node<'a, 'i>, credit_note: bool) -> Option<Received> {
        let number = self.required(root, "ID").and_then(text);
        let issue_date = match self.required(root, "IssueDate") {
            Some(_) => self.date(root, "IssueDate"),
            None => None,
        };
        let due_date = if credit_note {
            // A CreditNote has no cbc:DueDate; its payment means may carry one.
            child(root, NS_CAC, "PaymentMeans").and_then(|means| self.date(means, "PaymentDueDate"))
        } else {
            self.date(root, "DueDate")
        };
        let terms = at_path(root, &["PaymentTerms", "Note"]).and_then(text);
        let currency = self.currency(root);
        self.currency = currency;
        let seller = self.seller(root);
        let (totals, vat) = self.totals(root, credit_note);
        let attachments = self.attachments(root);
        let billing_reference = at_path(
            root,
            &["BillingReference", "InvoiceDocumentReference", "ID"],
        )
        .and_then(text);
        Some(Received {
            credit_note,
            number: number?,
            issue_date: issue_date?,
            due_date,
            terms,
            currency: currency?,
            seller: seller?,
            totals: totals?,
            vat,
            attachments,
            billing_reference,
        })
    }

    /// The document currency (BT-5).
    fn currency(&mut self, root: Node<'a, 'i>) -> Option<Currency> {
        let element = self.required(root, "DocumentCurrencyCode")?;
        let code = text(element).unwrap_or_default();
        let currency = Currency::parse(&code);
        if currency.is_none() {
            self.fail(
                element,
                format!("`{code}` is not a currency code: expected three upper-case letters"),
            );
        }
        currency
    }

    /// The seller (cac:AccountingSupplierParty/cac:Party).
    fn seller(&mut self, root: Node<'a, 'i>) -> Option<Seller> {
        let Some(party) =
            child(root, NS_CAC, "AccountingSupplierParty").and_then(|p| child(p, NS_CAC, "Party"))
        else {
            self.fail(
                root,
                "cac:AccountingSupplierParty/cac:Party is missing: no seller".into(),
            );
            return None;
        };
        let endpoint = child(party, NS_CBC, "EndpointID").and_then(|e| {
            let value = text(e)?;
            let scheme = e.attribute("schemeID").map(str::trim).unwrap_or_default();
            Some((scheme.to_string(), value))
        });
        let vat = children(party, NS_CAC, "PartyTaxScheme")
            .find(|scheme| {
                at_path(*scheme, &["TaxScheme", "ID"])
                    .and_then(text)
                    .as_deref()
                    == Some("VAT")
            })
            .and_then(|scheme| self.cbc(scheme, "CompanyID"));
        let address = child(party, NS_CAC, "PostalAddress");
        let line = |name: &str| address.and_then(|a| self.cbc(a, name));
        let street = match (line("StreetName"), line("AdditionalStreetName")) {
            (Some(street), Some(more)) => Some(format!("{street}, {more}")),
            (street, more) => street.or(more),
        };
        let seller = Seller {
            endpoint,
            name: at_path(party, &["PartyName", "Name"]).and_then(text),
            registration_name: at_path(party, &["PartyLegalEntity", "RegistrationName"])
                .and_then(text),
            vat,
            email: at_path(party, &["Contact", "ElectronicMail"]).and_then(text),
            street,
            postcode: line("PostalZone"),
            city: line("CityName"),
            region: line("CountrySubentity"),
            country: address
                .and_then(|a| at_path(a, &["Country", "IdentificationCode"]))
                .and_then(text),
            position: self.position(party),
        };
        if seller.display_name().is_none() {
            self.fail(
                party,
                "the seller has no name (cac:PartyName/cbc:Name or cac:PartyLegalEntity/cbc:RegistrationName)"
                    .into(),
            );
            return None;
        }
        Some(seller)
    }

    /// The embedded files (cac:AdditionalDocumentReference/cac:Attachment/
    /// cbc:EmbeddedDocumentBinaryObject), decoded from base64.
    fn attachments(&mut self, root: Node<'a, 'i>) -> Vec<Attachment> {
        let mut found = Vec::new();
        for reference in children(root, NS_CAC, "AdditionalDocumentReference") {
            let Some(object) = at_path(reference, &["Attachment", "EmbeddedDocumentBinaryObject"])
            else {
                continue;
            };
            let encoded: Vec<u8> = object
                .text()
                .unwrap_or_default()
                .bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            match base64::engine::general_purpose::STANDARD.decode(&encoded) {
                Ok(content) => found.push(Attachment {
                    filename: object.attribute("filename").map(str::to_string),
                    mime: object.attribute("mimeCode").map(str::to_string),
                    content,
                }),
                Err(e) => self.fail(
                    object,
                    format!("the embedded file is not valid base64: {e}"),
                ),
            }
        }
        found
    }
}
