//! The amounts of a received document and the sums they must agree with, as EN 16931 states them
//! (BR-CO-10 to BR-CO-16): lines, allowances and charges, VAT breakdown, totals.

use super::{NS_CAC, NS_CBC, Reader, Totals, VatBreakdown, at_path, child, children, text};
use crate::money::{exact_add, exact_sub, exact_sum};
use roxmltree::Node;
use rust_decimal::Decimal;

/// Sums that could not be computed (an amount missing or unreadable, already reported) are
/// `None` and not compared.
type Sum = Option<Decimal>;

impl<'a, 'i> Reader<'a, 'i> {
    /// The totals and the VAT breakdown, checked against the lines, the document's allowances and
    /// charges, and each other.
    pub(super) fn totals(
        &mut self,
        root: Node<'a, 'i>,
        credit_note: bool,
    ) -> (Option<Totals>, Vec<VatBreakdown>) {
        let Some(monetary) = child(root, NS_CAC, "LegalMonetaryTotal") else {
            self.fail(root, "cac:LegalMonetaryTotal is missing: no totals".into());
            return (None, Vec::new());
        };
        let lines = self.line_sum(root, credit_note);
        let (allowances, charges) = self.allowance_charge_sums(root);
        let (vat_element, vat_total, breakdown, complete) = self.vat(root);
        let mut amount = |name: &str, required: bool| {
            let element = child(monetary, NS_CBC, name).unwrap_or(monetary);
            (element, self.amount(monetary, name, required))
        };
        let stated = [
            amount("LineExtensionAmount", true),
            amount("AllowanceTotalAmount", false),
            amount("ChargeTotalAmount", false),
            amount("TaxExclusiveAmount", true),
            amount("TaxInclusiveAmount", true),
            amount("PrepaidAmount", false),
            amount("PayableRoundingAmount", false),
            amount("PayableAmount", true),
        ];
        let [
            (lines_at, Some(line_total)),
            (allowances_at, Some(allowance_total)),
            (charges_at, Some(charge_total)),
            (net_at, Some(net)),
            (gross_at, Some(gross)),
            (_, Some(prepaid)),
            (_, Some(rounding)),
            (payable_at, Some(payable)),
        ] = stated
        else {
            return (None, breakdown);
        };
        let Some(vat) = vat_total else {
            return (None, breakdown);
        };
        self.agree(
            lines_at,
            line_total,
            lines,
            "BR-CO-10",
            "the lines' cbc:LineExtensionAmount add up to",
        );
        self.agree(
            allowances_at,
            allowance_total,
            allowances,
            "BR-CO-11",
            "the document allowances add up to",
        );
        self.agree(
            charges_at,
            charge_total,
            charges,
            "BR-CO-12",
            "the document charges add up to",
        );
        let expected_net =
            exact_sub(line_total, allowance_total).and_then(|v| exact_add(v, charge_total));
        self.agree(
            net_at,
            net,
            expected_net,
            "BR-CO-13",
            "LineExtensionAmount - AllowanceTotalAmount + ChargeTotalAmount is",
        );
        // A breakdown with an unreadable part has been reported; its sums would only repeat it.
        let sum_of = |part: fn(&VatBreakdown) -> Decimal| {
            if complete {
                exact_sum(breakdown.iter().map(part))
            } else {
                None
            }
        };
        let vat_sum = sum_of(|b| b.vat);
        self.agree(
            vat_element.unwrap_or(root),
            vat,
            vat_sum,
            "BR-CO-14",
            "the VAT breakdown's cbc:TaxAmount add up to",
        );
        let taxable_sum = sum_of(|b| b.taxable);
        self.agree(
            net_at,
            net,
            taxable_sum,
            "BR-CO-13",
            "the VAT breakdown's cbc:TaxableAmount add up to",
        );
        self.agree(
            gross_at,
            gross,
            exact_add(net, vat),
            "BR-CO-15",
            "TaxExclusiveAmount + the VAT total is",
        );
        let expected_payable = exact_sub(gross, prepaid).and_then(|v| exact_add(v, rounding));
        self.agree(
            payable_at,
            payable,
            expected_payable,
            "BR-CO-16",
            "TaxInclusiveAmount - PrepaidAmount + PayableRoundingAmount is",
        );
        let totals = Totals {
            net,
            prepaid,
            rounding,
            payable,
        };
        (Some(totals), breakdown)
    }

    /// An error at `element` when the amount it states differs from the one computed.
    fn agree(
        &mut self,
        element: Node<'_, '_>,
        stated: Decimal,
        computed: Sum,
        rule: &str,
        how: &str,
    ) {
        if let Some(computed) = computed
            && computed != stated
        {
            let name = element.tag_name().name();
            self.fail(
                element,
                format!("cbc:{name} is {stated}, but {how} {computed} ({rule})"),
            );
        }
    }

    /// The sum of the lines' net amounts; an error when there is no line.
    fn line_sum(&mut self, root: Node<'a, 'i>, credit_note: bool) -> Sum {
        let name = if credit_note {
            "CreditNoteLine"
        } else {
            "InvoiceLine"
        };
        let lines: Vec<Node<'a, 'i>> = children(root, NS_CAC, name).collect();
        if lines.is_empty() {
            self.fail(
                root,
                format!("no cac:{name}: a document has at least one line (BR-16)"),
            );
            return None;
        }
        let amounts: Vec<Sum> = lines
            .into_iter()
            .map(|line| self.amount(line, "LineExtensionAmount", true))
            .collect();
        amounts
            .into_iter()
            .try_fold(Decimal::ZERO, |sum, a| exact_add(sum, a?))
    }

    /// The sums of the document-level allowances and of the charges.
    fn allowance_charge_sums(&mut self, root: Node<'a, 'i>) -> (Sum, Sum) {
        let (mut allowances, mut charges) = (Some(Decimal::ZERO), Some(Decimal::ZERO));
        for element in children(root, NS_CAC, "AllowanceCharge") {
            let charge = match self.cbc(element, "ChargeIndicator").as_deref() {
                Some("true") => true,
                Some("false") => false,
                _ => {
                    self.fail(
                        element,
                        "cbc:ChargeIndicator is missing: expected true or false".into(),
                    );
                    continue;
                }
            };
            let amount = self.amount(element, "Amount", true);
            let sum = if charge {
                &mut charges
            } else {
                &mut allowances
            };
            *sum = sum.zip(amount).and_then(|(s, a)| exact_add(s, a));
        }
        (allowances, charges)
    }

    /// The VAT total in the document currency (its element and amount), its breakdown, and
    /// whether every part of the breakdown could be read. A second cac:TaxTotal, in the VAT
    /// accounting currency (BT-111), is left aside.
    fn vat(&mut self, root: Node<'a, 'i>) -> (Option<Node<'a, 'i>>, Sum, Vec<VatBreakdown>, bool) {
        let currency = self.currency;
        let in_document_currency = |total: &Node<'_, '_>| {
            let given = child(*total, NS_CBC, "TaxAmount").and_then(|a| a.attribute("currencyID"));
            // Without a readable document currency (reported already), the first one is taken.
            given.is_none()
                || currency.is_none()
                || given.map(str::trim) == currency.as_ref().map(|c| c.as_str())
        };
        let Some(total) = children(root, NS_CAC, "TaxTotal").find(in_document_currency) else {
            self.fail(
                root,
                "cac:TaxTotal in the document currency is missing: no VAT total (BR-CO-14)".into(),
            );
            return (None, None, Vec::new(), false);
        };
        let element = child(total, NS_CBC, "TaxAmount");
        let amount = self.amount(total, "TaxAmount", true);
        let mut breakdown = Vec::new();
        let mut complete = true;
        for subtotal in children(total, NS_CAC, "TaxSubtotal") {
            let taxable = self.amount(subtotal, "TaxableAmount", true);
            let vat = self.amount(subtotal, "TaxAmount", true);
            let category = at_path(subtotal, &["TaxCategory", "ID"]).and_then(text);
            let rate = at_path(subtotal, &["TaxCategory", "Percent"]);
            let rate = match rate {
                Some(element) => match self.amount_of_percent(element) {
                    Some(rate) => Some(rate),
                    None => {
                        complete = false;
                        continue;
                    }
                },
                None => None,
            };
            let Some(category) = category else {
                self.fail(
                    subtotal,
                    "cac:TaxCategory/cbc:ID is missing: no VAT category (BR-CO-18)".into(),
                );
                complete = false;
                continue;
            };
            match (taxable, vat) {
                (Some(taxable), Some(vat)) => breakdown.push(VatBreakdown {
                    category,
                    rate,
                    taxable,
                    vat,
                }),
                _ => complete = false,
            }
        }
        (element, amount, breakdown, complete)
    }

    /// A VAT rate in percent (`21`, `5.5`).
    fn amount_of_percent(&mut self, element: Node<'a, 'i>) -> Option<Decimal> {
        let value = text(element).unwrap_or_default();
        let rate = crate::money::parse_decimal(&value)
            .filter(|r| !r.is_sign_negative() && *r <= Decimal::ONE_HUNDRED);
        if rate.is_none() {
            self.fail(
                element,
                format!("cbc:Percent `{value}` is not a VAT rate: expected a number from 0 to 100"),
            );
        }
        rate.map(|r| r.normalize())
    }
}
