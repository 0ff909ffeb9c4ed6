//! Customers behaving differently: gone-quiet, revenue-drop and slower-payment.

use super::context::Context;
use super::per_contact::Row;
use super::periods::payment_spans;
use super::{Alert, AlertKind, Severity, percent};
use crate::book::{Contact, Role};
use crate::journal::Kind;
use crate::ledger::Ledger;
use crate::money::{Currency, Weighted, format_amount};
use crate::report::anomaly::Spread;
use crate::report::credit;
use crate::report::metrics;
use crate::report::rfm::{self, AbcClass};
use crate::tabular::Cell;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// gone-quiet for one contact: a regular customer (at least `min_invoices` invoices) whose last
/// invoice is more than `factor` x its median interval between invoice dates ago.
pub(super) fn gone_quiet(ctx: &Context<'_>, contact: u32, rows: &[Row], alerts: &mut Vec<Alert>) {
    let book = ctx.book;
    let s = ctx.settings;
    let person = &book.contacts[contact as usize];
    if person.archived || !person.roles.contains(&Role::Customer) {
        return;
    }
    let mut dates: Vec<NaiveDate> = rows
        .iter()
        .filter(|r| r.kind == Kind::Invoice)
        .map(|r| r.date)
        .collect();
    let invoices = dates.len();
    if invoices < s.min_invoices as usize {
        return;
    }
    dates.sort_unstable();
    dates.dedup();
    let mut gaps: Vec<Decimal> = dates
        .windows(2)
        .map(|w| Decimal::from((w[1] - w[0]).num_days()))
        .collect();
    let Some(spread) = Spread::of(&mut gaps) else {
        return;
    };
    let last = dates[dates.len() - 1];
    let quiet = (ctx.as_of - last).num_days();
    let Some(limit) = spread.median.checked_mul(s.quiet_factor) else {
        return;
    };
    if Decimal::from(quiet) <= limit {
        return;
    }
    // The first day without an invoice for more than `limit` days.
    let whole = limit.floor().try_into().unwrap_or(i64::MAX / 2);
    let became = last
        .checked_add_days(Days::new(whole as u64 + 1))
        .unwrap_or(ctx.as_of);
    let mut alert = ctx.event(AlertKind::GoneQuiet, Severity::Warn, Some(contact), became);
    alert.message = format!(
        "no invoice for {quiet} days, more than {} x its usual interval of {} days (last invoice {last}, {invoices} invoices)",
        s.quiet_factor.normalize(),
        spread.median.normalize()
    );
    alert.values = vec![
        ("last_invoice", Cell::Date(last)),
        ("days_quiet", Cell::Integer(quiet)),
        ("usual_interval", Cell::Decimal(spread.median.normalize())),
        ("invoices", Cell::Integer(invoices as i64)),
    ];
    alerts.push(alert);
}

/// True for the customers behaviour rules look at: not archived, with the customer role.
fn active_customer(contact: &Contact) -> bool {
    !contact.archived && contact.roles.contains(&Role::Customer)
}

/// revenue-drop: a customer of class A (ABC, `[analytics.abc]`, by revenue over the usual
/// period) whose monthly revenue over the recent months fell by at least `drop`.
pub(super) fn revenue_drops(
    ctx: &Context<'_>,
    revenue: &[[Decimal; 4]],
    vat_unknown: &[[Decimal; 2]],
) -> Vec<Alert> {
    let book = ctx.book;
    let s = ctx.settings;
    let analytics = metrics::Settings::of(book);
    let mut populations: HashMap<Currency, Vec<u32>> = HashMap::new();
    for (index, contact) in book.contacts.iter().enumerate() {
        if let (true, Some(currency)) = (
            active_customer(contact),
            metrics::home_currency(book, contact),
        ) && revenue[index][1] > Decimal::ZERO
        {
            populations.entry(currency).or_default().push(index as u32);
        }
    }
    let (months, baseline) = (
        Decimal::from(s.drop_months),
        Decimal::from(s.baseline_months),
    );
    // recent / months < (1 - drop) x usual / baseline, without dividing.
    let fell = |recent: Decimal, usual: Decimal| {
        usual > Decimal::ZERO
            && match (
                recent.checked_mul(baseline),
                (Decimal::ONE - s.drop)
                    .checked_mul(usual)
                    .and_then(|x| x.checked_mul(months)),
            ) {
                (Some(left), Some(right)) => left < right,
                _ => false,
            }
    };
    let mut alerts = Vec::new();
    let mut currencies: Vec<_> = populations.into_iter().collect();
    currencies.sort_by_key(|(currency, _)| *currency);
    for (currency, members) in currencies {
        let ranked: Vec<(Decimal, &str)> = members
            .iter()
            .map(|&c| {
                (
                    revenue[c as usize][1],
                    book.contacts[c as usize].id.as_str(),
                )
            })
            .collect();
        let classes = rfm::abc(&ranked, analytics.abc_a, analytics.abc_b);
        for (&contact, class) in members.iter().zip(classes) {
            let sums = revenue[contact as usize];
            if class != AbcClass::A || !fell(sums[0], sums[1]) {
                continue;
            }
            let new = !fell(sums[2], sums[3]);
            let monthly = |sum: Decimal, n: Decimal| metrics::ratio(sum, n, 2);
            let (recent, usual) = (monthly(sums[0], months), monthly(sums[1], baseline));
            // `fell` multiplied the recent revenue by the baseline already; the usual revenue
            // times the months may still leave Decimal's range (months is a whole setting).
            let fall = sums[1].checked_mul(months).and_then(|usual_scaled| {
                let recent_scaled = sums[0].checked_mul(baseline)?;
                credit::ratio(usual_scaled.checked_sub(recent_scaled)?, usual_scaled, 4)
            });
            let mut alert = ctx.alert(
                AlertKind::RevenueDrop,
                if new { Severity::Warn } else { Severity::Info },
                Some(contact),
            );
            alert.currency = Some(currency);
            alert.new = Some(new);
            alert.message = format!(
                "monthly revenue fell by {}: {} {currency} a month over the last {} month(s), against {} over the {} before",
                fall.map_or_else(String::new, percent),
                recent.map_or_else(String::new, format_amount),
                s.drop_months,
                usual.map_or_else(String::new, format_amount),
                s.baseline_months
            );
            alert.values = vec![
                ("revenue_recent", Cell::Amount(sums[0])),
                ("revenue_usual", Cell::Amount(sums[1])),
                (
                    "revenue_recent_vat_unknown",
                    Cell::Amount(vat_unknown[contact as usize][0]),
                ),
                (
                    "revenue_usual_vat_unknown",
                    Cell::Amount(vat_unknown[contact as usize][1]),
                ),
                ("monthly_recent", recent.map_or(Cell::Null, Cell::Amount)),
                ("monthly_usual", usual.map_or(Cell::Null, Cell::Amount)),
                ("fall", fall.map_or(Cell::Null, Cell::Decimal)),
                ("abc", Cell::from(class.as_str())),
            ];
            alerts.push(alert);
        }
    }
    alerts
}

/// Payments applied to invoices in one period: amount, amount x days, count.
#[derive(Debug, Clone, Copy, Default)]
struct Paid {
    amount: Decimal,
    weighted: Weighted,
    count: u32,
}

/// slower-payment: the amount-weighted average days from invoice date to payment (the metrics
/// definition, docs/analytics.md) over the recent days against the usual days before.
pub(super) fn slower_payments(ctx: &Context<'_>, ledger: &Ledger) -> Vec<Alert> {
    let book = ctx.book;
    let s = ctx.settings;
    let spans = payment_spans(ctx);
    let homes: Vec<Option<Currency>> = book
        .contacts
        .iter()
        .map(|c| metrics::home_currency(book, c))
        .collect();
    let mut paid = vec![[Paid::default(); 4]; book.contacts.len()];
    let home_accounts = ledger
        .accounts
        .iter()
        .filter(|account| homes[account.contact as usize] == Some(account.currency));
    for account in home_accounts {
        for allocation in account.trail.iter().filter(|a| a.is_invoice_paid()) {
            let days = allocation.days_to_pay();
            for (sum, span) in paid[account.contact as usize].iter_mut().zip(&spans) {
                if span.contains(allocation.date) {
                    sum.amount += allocation.amount;
                    sum.weighted.add(allocation.amount, days);
                    sum.count += 1;
                }
            }
        }
    }
    let average = |p: &Paid| {
        (p.count >= s.min_payments)
            .then(|| p.weighted.average(p.amount, 2))
            .flatten()
    };
    let slower = |recent: Decimal, usual: Decimal| {
        s.slower_factor
            .checked_mul(usual)
            .is_some_and(|bound| recent >= bound)
            && recent - usual >= Decimal::from(s.min_increase)
    };
    let mut alerts = Vec::new();
    for (index, contact) in book.contacts.iter().enumerate() {
        if !active_customer(contact) {
            continue;
        }
        let sums = &paid[index];
        let (Some(recent), Some(usual)) = (average(&sums[0]), average(&sums[1])) else {
            continue;
        };
        if !slower(recent, usual) {
            continue;
        }
        let new = match (average(&sums[2]), average(&sums[3])) {
            (Some(r), Some(u)) => !slower(r, u),
            _ => true,
        };
        let mut alert = ctx.alert(
            AlertKind::SlowerPayment,
            if new { Severity::Warn } else { Severity::Info },
            Some(index as u32),
        );
        alert.currency = homes[index];
        alert.new = Some(new);
        alert.message = format!(
            "pays slower: {recent} days from invoice to payment on average over the last {} days, against {usual} over the {} before",
            s.recent_days, s.baseline_days
        );
        alert.values = vec![
            ("days_to_pay_recent", Cell::Decimal(recent)),
            ("days_to_pay_usual", Cell::Decimal(usual)),
            ("payments_recent", Cell::Integer(sums[0].count.into())),
            ("payments_usual", Cell::Integer(sums[1].count.into())),
        ];
        alerts.push(alert);
    }
    alerts
}
