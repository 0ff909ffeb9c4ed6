//! Customer segments: rules written in CEL (the Common Expression Language,
//! <https://github.com/google/cel-spec>) in folio.toml, and the built-in classes (RFM segments,
//! ABC classes, frequency and amount tiers). docs/segments.md lists every name a rule may use.
//!
//! ```toml
//! [segments.vip]
//! where = 'revenue >= 10000 || "vip" in tags'
//! ```
//!
//! Rules are checked when the book is loaded ([`check_config`]): a syntax error, an unknown name
//! or function, or a type error is reported at its line and column in folio.toml.
//!
//! Amounts enter a rule as CEL doubles, converted from the exact decimal through its decimal
//! text; a comparison with a literal (`revenue >= 10000.10`) is then exact for every amount of at
//! most 15 significant digits. All other arithmetic stays in decimals.

use super::metrics::{Analytics, ContactMetrics, Settings, home_currency};
use super::rfm::{AbcClass, RfmSegment, Tier, TierBasis, Tiers};
use super::score::Grade;
use crate::book::config::{Config, SegmentRule};
use crate::book::{Book, CONFIG_FILE, Contact, display_path};
use crate::diagnostic::{Diagnostic, did_you_mean, line_column, line_text};
use crate::error::{Error, Result, quietly};
use crate::ledger::revenue::Revenue;
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use cel::context::VariableResolver;
use cel::objects::Value;
use cel::{ExecutionError, Program};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

mod changes;
mod engine;

pub use changes::{Change, ChangesReport, Figure, SegmentChange, changes, figures_text};
pub(crate) use changes::{figure, figure_names};

use engine::{MAX_STEPS, Stop};

/// Every name a rule may use, with its CEL type, for docs and "did you mean".
pub const VARIABLES: &[(&str, &str)] = &[
    ("id", "string"),
    ("name", "string"),
    ("email", "string"),
    ("phone", "string"),
    ("vat", "string"),
    ("roles", "list of strings"),
    ("tags", "list of strings"),
    ("industry", "string"),
    ("language", "string"),
    ("currency", "string"),
    ("street", "string"),
    ("postcode", "string"),
    ("city", "string"),
    ("region", "string"),
    ("country", "string"),
    ("since", "string or null"),
    ("archived", "bool"),
    ("newsletter", "bool"),
    ("credit_limit", "double or null"),
    ("terms", "int"),
    ("custom", "map"),
    ("revenue", "double"),
    ("revenue_vat_unknown", "double"),
    ("invoices", "int"),
    ("average_invoice", "double or null"),
    ("first_invoice", "string or null"),
    ("last_invoice", "string or null"),
    ("recency", "int or null"),
    ("recency_days", "int or null"),
    ("avg_days_to_pay", "double or null"),
    ("balance", "double"),
    ("overdue", "double"),
    ("grade", "string or null"),
    ("recency_score", "int or null"),
    ("frequency_score", "int or null"),
    ("monetary_score", "int or null"),
    ("rfm", "string or null"),
    ("abc", "string or null"),
    ("frequency_tier", "string or null"),
    ("amount_tier", "string or null"),
    ("products", "list of strings"),
    ("families", "list of strings"),
    ("product_revenue", "map"),
    ("main_family", "string or null"),
];

/// Functions of the CEL interpreter a rule may call (macros such as `has` and `exists` are part
/// of the grammar).
const FUNCTIONS: &[&str] = &[
    "contains",
    "size",
    "max",
    "min",
    "startsWith",
    "endsWith",
    "matches",
    "string",
    "bytes",
    "double",
    "int",
    "uint",
    "duration",
    "timestamp",
    "getFullYear",
    "getMonth",
    "getDayOfYear",
    "getDayOfMonth",
    "getDate",
    "getDayOfWeek",
    "getHours",
    "getMinutes",
    "getSeconds",
    "getMilliseconds",
    "value",
    "hasValue",
    "or",
    "orValue",
    "optional.none",
    "optional.of",
    "optional.ofNonZeroValue",
];

/// Macros that bind a variable: `tags.exists(t, t == "vip")`.
const BINDING_MACROS: &[&str] = &["all", "exists", "exists_one", "map", "filter"];

/// The name `folio mailing all` and `folio segment all` give every listed customer.
pub const ALL: &str = "all";

/// A compiled segment rule.
#[derive(Debug)]
pub struct Rule {
    /// The segment's name.
    pub name: String,
    /// The expression as written.
    pub source: String,
    /// The description from folio.toml.
    pub description: Option<String>,
    program: Program,
}

/// Compiles the book's rules. The loader has checked them, so an error here is unexpected; it
/// is reported as invalid data all the same. The rules are compiled on a stack of their own
/// (see [`engine`]) and checked as [`check_config`] checks them, so a rule given without the
/// loader's check cannot crash folio either.
pub fn compile_rules(config: &Config) -> Result<Vec<Rule>> {
    engine::on_rule_stack(|| {
        config
            .segments
            .iter()
            .map(|(name, rule)| compile_rule(name, rule))
            .collect()
    })
    .map_err(Error::InvalidData)?
}

fn compile_rule(name: &str, rule: &SegmentRule) -> Result<Rule> {
    let invalid =
        |message: String| Error::InvalidData(format!("segment `{name}`: invalid rule: {message}"));
    engine::check_text(&rule.rule).map_err(|(_, message)| invalid(message))?;
    let program = quietly(|| Program::compile(&rule.rule))
        .map_err(|panic| invalid(interpreter_failed(&panic)))?
        .map_err(|errors| {
            invalid(
                errors
                    .errors
                    .first()
                    .map_or(String::new(), |e| tidy_message(&e.msg)),
            )
        })?;
    engine::check_tree(program.expression()).map_err(|problem| invalid(problem.message()))?;
    Ok(Rule {
        name: name.to_string(),
        source: rule.rule.clone(),
        description: rule.description.clone(),
        program,
    })
}

/// A panic of the CEL crate, caught, in words.
fn interpreter_failed(panic: &str) -> String {
    format!("the CEL interpreter failed on it ({panic})")
}

/// Why a loop of a rule could not run.
fn not_iterable(kind: &str) -> String {
    format!("`exists`, `all`, `map` and `filter` go through a list or a map, not {kind}")
}

/// The step budget, in words.
/// The steps one pass of a rule over the contacts may take ([`engine::MAX_PASS_STEPS`]).
fn pass_budget(book: &Book) -> u64 {
    let entries = book.entries.len() as u64;
    engine::MAX_PASS_STEPS.saturating_add(entries.saturating_mul(engine::STEPS_PER_ENTRY))
}

fn too_many_pass_steps(book: &Book) -> String {
    format!(
        "over all the contacts, the rule takes more than {} steps ({} plus {} per entry of the book; docs/segments.md lists the limits)",
        pass_budget(book),
        engine::MAX_PASS_STEPS,
        engine::STEPS_PER_ENTRY
    )
}

fn too_many_steps() -> String {
    format!(
        "the rule takes more than {MAX_STEPS} steps (an operation is a step, and so is each item or character of the lists and strings it reads; docs/segments.md lists the limits)"
    )
}

// ---------------------------------------------------------------------------------------------
// Values of a contact, as a rule sees them.

fn string(text: &str) -> Value {
    Value::String(Arc::new(text.to_string()))
}

fn opt_string(text: Option<&str>) -> Value {
    text.map_or(Value::Null, string)
}

/// An amount as a CEL double, through its exact decimal text.
fn money(amount: Decimal) -> Value {
    Value::Float(amount.to_string().parse().unwrap_or(f64::NAN))
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Value {
    Value::List(Arc::new(items.map(string).collect()))
}

fn toml_value(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => string(s),
        toml::Value::Integer(i) => Value::Int(*i),
        toml::Value::Float(f) => Value::Float(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => string(&d.to_string()),
        toml::Value::Array(items) => Value::List(Arc::new(items.iter().map(toml_value).collect())),
        toml::Value::Table(table) => table_value(table),
    }
}

fn table_value(table: &toml::Table) -> Value {
    let map: HashMap<String, Value> = table
        .iter()
        .map(|(key, value)| (key.clone(), toml_value(value)))
        .collect();
    Value::from(map)
}

/// One contact with its metrics: what a rule is evaluated against.
struct Env<'a> {
    book: &'a Book,
    contact: &'a Contact,
    metrics: &'a ContactMetrics,
}

impl VariableResolver for Env<'_> {
    fn resolve(&self, name: &str) -> Option<Value> {
        let c = self.contact;
        let m = self.metrics;
        let text = |t: &Option<String>| string(t.as_deref().unwrap_or(""));
        let int = |n: Option<u8>| n.map_or(Value::Null, |n| Value::Int(i64::from(n)));
        Some(match name {
            "id" => string(&c.id),
            "name" => string(&c.name),
            "email" => text(&c.email),
            "phone" => text(&c.phone),
            "vat" => text(&c.vat),
            "roles" => strings(c.roles.iter().map(|r| r.as_str())),
            "tags" => strings(c.tags.iter().map(String::as_str)),
            "industry" => text(&c.industry),
            "language" => text(&c.language),
            "currency" => string(
                home_currency(self.book, c)
                    .as_ref()
                    .map_or("", Currency::as_str),
            ),
            "street" => text(&c.address.street),
            "postcode" => text(&c.address.postcode),
            "city" => text(&c.address.city),
            "region" => text(&c.address.region),
            "country" => text(&c.address.country),
            "since" => opt_string(c.since.map(|d| d.to_string()).as_deref()),
            "archived" => Value::Bool(c.archived),
            "newsletter" => Value::Bool(c.preferences.newsletter != Some(false)),
            "credit_limit" => c.credit_limit.map_or(Value::Null, money),
            "terms" => Value::Int(i64::from(
                c.terms.unwrap_or_else(|| self.book.config.terms()),
            )),
            "custom" => table_value(&c.custom),
            "revenue" => money(m.revenue),
            "revenue_vat_unknown" => money(m.revenue_vat_unknown.amount),
            "invoices" => Value::Int(i64::from(m.invoices)),
            "average_invoice" => m.average_invoice.map_or(Value::Null, money),
            "first_invoice" => opt_string(m.first_invoice.map(|d| d.to_string()).as_deref()),
            "last_invoice" => opt_string(m.last_invoice.map(|d| d.to_string()).as_deref()),
            "recency" | "recency_days" => m.recency_days.map_or(Value::Null, Value::Int),
            "avg_days_to_pay" => m.avg_days_to_pay.map_or(Value::Null, money),
            "balance" => money(m.balance),
            "overdue" => money(m.overdue),
            "grade" => opt_string(m.grade.map(|g| g.as_str())),
            "recency_score" => int(m.recency_score),
            "frequency_score" => int(m.frequency_score),
            "monetary_score" => int(m.monetary_score),
            "rfm" => opt_string(m.rfm.map(RfmSegment::slug)),
            "abc" => opt_string(m.abc.map(AbcClass::as_str)),
            "frequency_tier" => opt_string(m.frequency_tier.map(Tier::as_str)),
            "amount_tier" => opt_string(m.amount_tier.map(Tier::as_str)),
            "products" => strings(m.bought.products.iter().map(String::as_str)),
            "families" => strings(m.bought.families.iter().map(String::as_str)),
            "product_revenue" => self.product_revenue(),
            "main_family" => opt_string(m.bought.main_family.as_deref()),
            _ => return None,
        })
    }
}

impl Env<'_> {
    /// The net amount of each product in the window: every code of the catalogue (0 when not
    /// bought), and every code the customer bought or was credited.
    fn product_revenue(&self) -> Value {
        let mut map: HashMap<String, Value> = self
            .book
            .products
            .iter()
            .map(|product| (product.code.clone(), money(Decimal::ZERO)))
            .collect();
        for (code, net) in &self.metrics.bought.product_revenue {
            map.insert(code.clone(), money(*net));
        }
        Value::from(map)
    }
}

/// A contact with every field set, to find type errors when the book is loaded.
struct Probe;

impl VariableResolver for Probe {
    fn resolve(&self, name: &str) -> Option<Value> {
        let (_, kind) = VARIABLES.iter().find(|(known, _)| *known == name)?;
        Some(match (name, *kind) {
            ("roles", _) => strings(["customer"].into_iter()),
            ("custom", _) => table_value(&toml::Table::new()),
            ("product_revenue", _) => {
                Value::from(HashMap::from([("probe".to_string(), Value::Float(1.0))]))
            }
            ("since" | "first_invoice" | "last_invoice", _) => string("2026-01-01"),
            ("grade" | "abc", _) => string("A"),
            ("main_family", _) => string("probe"),
            ("rfm", _) => string("champions"),
            ("frequency_tier" | "amount_tier", _) => string("high"),
            (_, "list of strings") => strings(["probe"].into_iter()),
            (_, "bool") => Value::Bool(true),
            (_, kind) if kind.starts_with("int") => Value::Int(1),
            (_, kind) if kind.starts_with("double") => Value::Float(1.0),
            _ => string("probe"),
        })
    }
}

/// Why a rule could not decide for one contact. Comparing a missing value (`recency` of a
/// contact never invoiced) or reading a missing custom field is expected and not reported.
fn is_expected_failure(error: &ExecutionError) -> bool {
    match error {
        ExecutionError::NoSuchKey(_) => true,
        ExecutionError::ValuesNotComparable(a, b) => {
            matches!(a, Value::Null) || matches!(b, Value::Null)
        }
        ExecutionError::UnsupportedBinaryOperator(_, a, b) => {
            matches!(a, Value::Null) || matches!(b, Value::Null)
        }
        ExecutionError::UnsupportedUnaryOperator(_, a) => matches!(a, Value::Null),
        _ => false,
    }
}

/// The errors a rule makes whatever the data: comparing or combining values of the wrong types.
fn is_type_error(error: &ExecutionError) -> bool {
    matches!(
        error,
        ExecutionError::ValuesNotComparable(..)
            | ExecutionError::UnsupportedBinaryOperator(..)
            | ExecutionError::UnsupportedUnaryOperator(..)
            | ExecutionError::NoSuchOverload
            | ExecutionError::UnexpectedType { .. }
            | ExecutionError::UnsupportedTargetType { .. }
            | ExecutionError::NotSupportedAsMethod { .. }
            | ExecutionError::InvalidArgumentCount { .. }
            | ExecutionError::UndeclaredReference(_)
    )
}

/// The error in words; with `values`, the values compared, else only their types.
fn describe_error(error: &ExecutionError, values: bool) -> String {
    let describe = |value: &Value| match value {
        _ if !values => type_name(value).to_string(),
        Value::Null => "null".to_string(),
        Value::Int(n) => format!("int {n}"),
        Value::UInt(n) => format!("uint {n}"),
        Value::Float(f) => format!("double {f}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Bool(b) => format!("bool {b}"),
        Value::List(_) => "a list".to_string(),
        Value::Map(_) => "a map".to_string(),
        other => format!("{other:?}"),
    };
    match error {
        ExecutionError::ValuesNotComparable(a, b) => {
            format!("cannot compare {} with {}", describe(a), describe(b))
        }
        ExecutionError::UnsupportedBinaryOperator(op, a, b) => {
            format!("cannot apply `{op}` to {} and {}", describe(a), describe(b))
        }
        other => other.to_string(),
    }
}

/// What one rule gave over the contacts.
#[derive(Debug, Clone, Default)]
pub struct RuleOutcome {
    /// Members, by contact index.
    pub members: Vec<bool>,
    /// Contacts for which the rule failed unexpectedly (not counting missing values).
    pub failed: usize,
    /// The first such failure: contact id and message.
    pub example: Option<(String, String)>,
}

/// Evaluates a rule for every contact that is not archived. `&&`, `||` and `!` follow CEL's
/// rules: commutative with respect to errors, so `recency > 180 || overdue > 0` is true for a
/// contact never invoiced (recency null) that has something overdue, and `false && x` is false
/// whatever `x` is. A rule that takes more than [`MAX_STEPS`] for a contact, or on which the
/// interpreter fails, is refused (exit 65) at its place in folio.toml.
pub fn evaluate(book: &Book, analytics: &Analytics, rule: &Rule) -> Result<RuleOutcome> {
    match engine::on_rule_stack(|| evaluate_on_stack(book, analytics, rule)) {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(message)) => Err(refusal(book, rule, message)),
        Err(message) => Err(Error::InvalidData(format!(
            "segment `{}`: {message}",
            rule.name
        ))),
    }
}

/// [`evaluate`] on the rules' stack; `Err` holds why the rule is refused.
fn evaluate_on_stack(
    book: &Book,
    analytics: &Analytics,
    rule: &Rule,
) -> std::result::Result<RuleOutcome, String> {
    let plan = engine::Plan::new(rule.program.expression());
    let root = engine::root_context();
    let mut outcome = RuleOutcome {
        members: vec![false; book.contacts.len()],
        ..RuleOutcome::default()
    };
    let mut pass_left = pass_budget(book);
    for (index, contact) in book.contacts.iter().enumerate() {
        if contact.archived {
            continue;
        }
        let env = Env {
            book,
            contact,
            metrics: &analytics.contacts[index],
        };
        let budget = MAX_STEPS.min(pass_left);
        let result = quietly(|| {
            let mut context = root.new_inner_scope();
            context.set_variable_resolver(&env);
            plan.evaluate_within(&context, budget)
        });
        let (name, id) = (&rule.name, &contact.id);
        let result = match result {
            Ok((Err(Stop::Steps), _)) if budget < MAX_STEPS => {
                return Err(format!("segment `{name}`: {}", too_many_pass_steps(book)));
            }
            Ok((result, used)) => {
                pass_left -= used;
                Ok(result)
            }
            Err(panic) => Err(panic),
        };
        let failure = match result {
            Ok(Ok(Value::Bool(member))) => {
                outcome.members[index] = member;
                continue;
            }
            Ok(Ok(other)) => format!("the rule gives {other:?}, not true or false"),
            Ok(Err(Stop::Cel(error))) if is_expected_failure(&error) => continue,
            Ok(Err(Stop::Cel(error))) => describe_error(&error, true),
            Ok(Err(Stop::NotIterable(kind))) => not_iterable(kind),
            Ok(Err(Stop::Steps)) => {
                return Err(format!(
                    "segment `{name}`: for contact `{id}`, {}",
                    too_many_steps()
                ));
            }
            Err(panic) => {
                return Err(format!(
                    "segment `{name}`: for contact `{id}`, {}",
                    interpreter_failed(&panic)
                ));
            }
        };
        outcome.failed += 1;
        outcome.example.get_or_insert_with(|| (id.clone(), failure));
    }
    Ok(outcome)
}

/// The error that refuses a rule while it is evaluated, placed at the rule in folio.toml (read
/// again: the book does not keep its text), or without a place if it cannot be found there.
fn refusal(book: &Book, rule: &Rule, message: String) -> Error {
    let shown = display_path(&book.root, Path::new(CONFIG_FILE));
    let placed = std::fs::read_to_string(book.root.join(CONFIG_FILE))
        .ok()
        .and_then(|text| {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let (root, _) = DeTable::parse_recoverable(text);
            let spans = Spans {
                text,
                root: root.get_ref(),
            };
            let span = spans.value(&["segments", &rule.name, "where"])?;
            let offset = expression_offset(text, span, &rule.source, 0);
            let (line, column) = line_column(text, offset);
            Some(
                Diagnostic::error(&shown, line, column, message.clone())
                    .with_excerpt(line_text(text, line).unwrap_or_default()),
            )
        });
    match placed {
        Some(diagnostic) => Error::InvalidBook(vec![diagnostic]),
        None => Error::InvalidData(message),
    }
}

// ---------------------------------------------------------------------------------------------
// Segments by name.

/// A segment: a rule of folio.toml or a built-in class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// `[segments.NAME]`, by position in the book's rules.
    Rule(usize),
    /// `rfm:champions` ...
    Rfm(RfmSegment),
    /// `abc:a` ...
    Abc(AbcClass),
    /// `frequency:high` ...
    Frequency(Tier),
    /// `amount:high` ...
    Amount(Tier),
    /// `grade:a` ... `grade:e`: the credit grade.
    Grade(Grade),
    /// `family:NAME`: the customers whose main family (largest net sales in the window) this is.
    Family(String),
    /// `all`: every listed customer.
    All,
}

impl Segment {
    /// Every built-in segment, in report order.
    pub fn built_ins() -> Vec<Segment> {
        let mut all: Vec<Segment> = RfmSegment::ALL.into_iter().map(Segment::Rfm).collect();
        all.extend(AbcClass::ALL.into_iter().map(Segment::Abc));
        all.extend(Tier::ALL.into_iter().map(Segment::Frequency));
        all.extend(Tier::ALL.into_iter().map(Segment::Amount));
        all.extend(Grade::ALL.into_iter().map(Segment::Grade));
        all.push(Segment::All);
        all
    }

    /// A `family:NAME` segment for every family of the book's catalogue, in name order.
    pub fn families(book: &Book) -> Vec<Segment> {
        let mut names: Vec<&str> = book
            .products
            .iter()
            .filter_map(|product| product.family.as_deref())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .map(|name| Segment::Family(name.to_string()))
            .collect()
    }

    /// The segment's name.
    pub fn name(&self, rules: &[Rule]) -> String {
        match self {
            Segment::Rule(i) => rules[*i].name.clone(),
            Segment::Rfm(s) => format!("rfm:{}", s.slug()),
            Segment::Abc(c) => format!("abc:{}", c.slug()),
            Segment::Frequency(t) => format!("frequency:{}", t.as_str()),
            Segment::Amount(t) => format!("amount:{}", t.as_str()),
            Segment::Grade(g) => format!("grade:{}", g.slug()),
            Segment::Family(family) => format!("{FAMILY_PREFIX}{family}"),
            Segment::All => ALL.to_string(),
        }
    }

    /// `rule`, `rfm`, `abc`, `frequency`, `amount`, `grade`, `family` or `all`.
    pub fn kind(&self) -> &'static str {
        match self {
            Segment::Rule(_) => "rule",
            Segment::Rfm(_) => "rfm",
            Segment::Abc(_) => "abc",
            Segment::Frequency(_) => "frequency",
            Segment::Amount(_) => "amount",
            Segment::Grade(_) => "grade",
            Segment::Family(_) => "family",
            Segment::All => "all",
        }
    }

    /// What the segment holds, for people.
    pub fn description(&self, rules: &[Rule], settings: &Settings) -> String {
        let tier = |what: &str, tiers: &Tiers, tier: Tier| {
            let (low, high) = match tier {
                Tier::High => (Some(tiers.high), None),
                Tier::Mid => (Some(tiers.mid), Some(tiers.high)),
                Tier::Low => (None, Some(tiers.mid)),
            };
            let measure = match tiers.basis {
                TierBasis::Quantile => format!("percentile of {what}"),
                TierBasis::Absolute => what.to_string(),
            };
            match (low, high) {
                (Some(low), None) => format!("{measure} >= {low}"),
                (Some(low), Some(high)) => format!("{low} <= {measure} < {high}"),
                (None, Some(high)) => format!("{measure} < {high}"),
                (None, None) => String::new(),
            }
        };
        match self {
            Segment::Rule(i) => rules[*i]
                .description
                .clone()
                .unwrap_or_else(|| rules[*i].source.clone()),
            Segment::Rfm(s) => format!("{}: {}", s.label(), s.definition()),
            Segment::Abc(AbcClass::A) => {
                format!("up to {} of revenue", percent(settings.abc_a))
            }
            Segment::Abc(AbcClass::B) => format!(
                "from {} up to {} of revenue",
                percent(settings.abc_a),
                percent(settings.abc_b)
            ),
            Segment::Abc(AbcClass::C) => format!("beyond {} of revenue", percent(settings.abc_b)),
            Segment::Frequency(t) => tier("invoices", &settings.frequency, *t),
            Segment::Amount(t) => tier("revenue", &settings.amount, *t),
            Segment::Grade(g) => format!("grade {}: {}", g.as_str(), g.definition()),
            Segment::Family(family) => {
                format!("main family {family}: its largest share of net sales")
            }
            Segment::All => "every customer".to_string(),
        }
    }

    /// Finds a segment by name: a rule's name, a built-in name (case-insensitive), or
    /// `family:NAME` for any family name as the catalogue writes it (a family no product has
    /// holds no one).
    pub fn find(name: &str, rules: &[Rule]) -> Result<Segment> {
        if let Some(i) = rules.iter().position(|r| r.name == name) {
            return Ok(Segment::Rule(i));
        }
        if let Some(family) = name.strip_prefix(FAMILY_PREFIX).filter(|f| !f.is_empty()) {
            return Ok(Segment::Family(family.to_string()));
        }
        let lower = name.to_lowercase();
        let built_ins = Segment::built_ins();
        if let Some(found) = built_ins.iter().find(|s| s.name(rules) == lower) {
            return Ok(found.clone());
        }
        let names: Vec<String> = rules
            .iter()
            .map(|r| r.name.clone())
            .chain(built_ins.iter().map(|s| s.name(rules)))
            .collect();
        let hint = did_you_mean(name, names.iter().map(String::as_str))
            .map_or(String::new(), |near| format!("; did you mean `{near}`?"));
        Err(Error::NotFound(format!(
            "no segment `{name}`{hint} (`folio segments` lists them all)"
        )))
    }
}

/// The prefix of the segments of the class by main family.
const FAMILY_PREFIX: &str = "family:";

fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}

/// Membership of every contact in one segment. Errs when a rule is refused (see [`evaluate`]).
pub fn members(
    book: &Book,
    analytics: &Analytics,
    rules: &[Rule],
    segment: Segment,
) -> Result<RuleOutcome> {
    let of = |test: &dyn Fn(&ContactMetrics) -> bool| RuleOutcome {
        members: analytics
            .contacts
            .iter()
            .map(|m| m.listed && test(m))
            .collect(),
        ..RuleOutcome::default()
    };
    Ok(match segment {
        Segment::Rule(i) => return evaluate(book, analytics, &rules[i]),
        Segment::Rfm(s) => of(&|m| m.rfm == Some(s)),
        Segment::Abc(c) => of(&|m| m.abc == Some(c)),
        Segment::Frequency(t) => of(&|m| m.frequency_tier == Some(t)),
        Segment::Amount(t) => of(&|m| m.amount_tier == Some(t)),
        Segment::Grade(g) => of(&|m| m.grade == Some(g)),
        Segment::Family(family) => of(&|m| m.bought.main_family.as_ref() == Some(&family)),
        Segment::All => of(&|_| true),
    })
}

/// Which contacts are in the segment `name` as of `as_of`, over the book's default window: the
/// filter behind `--segment` on other reports.
pub fn membership(
    book: &Book,
    revenue: &Revenue,
    name: &str,
    as_of: chrono::NaiveDate,
) -> Result<Vec<bool>> {
    let rules = compile_rules(&book.config)?;
    let segment = Segment::find(name, &rules)?;
    let settings = Settings::of(book);
    let analytics = super::metrics::analyze(book, &settings, revenue, as_of, settings.window);
    Ok(members(book, &analytics, &rules, segment)?.members)
}

/// A note for a person when a rule failed for some contacts.
pub fn failure_note(name: &str, outcome: &RuleOutcome) -> Option<String> {
    let (contact, message) = outcome.example.as_ref()?;
    Some(format!(
        "segment `{name}`: the rule could not be evaluated for {} contact(s), which are left out (e.g. `{contact}`: {message})",
        outcome.failed
    ))
}

// ---------------------------------------------------------------------------------------------
// `folio segments`.

/// One segment in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentRow {
    /// The segment's name.
    pub segment: String,
    /// rule, rfm, abc, frequency, amount, grade or all.
    pub kind: &'static str,
    /// What it holds.
    pub description: String,
    /// The currency of the amounts (members are counted in their own currency).
    pub currency: Option<Currency>,
    /// Members whose currency this is.
    pub members: usize,
    /// Their revenue in the window.
    pub revenue: Decimal,
    /// The part of `revenue` counted gross because its entries' VAT is unknown.
    pub revenue_vat_unknown: Decimal,
    /// revenue / revenue of every listed customer in this currency, 4 decimals.
    pub share: Option<Decimal>,
    /// Their receivable balance.
    pub balance: Decimal,
    /// Their overdue amount.
    pub overdue: Decimal,
}

/// `folio segments`: every rule, then every built-in class.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentsReport {
    /// Rows, segment by segment, currencies in code order.
    pub rows: Vec<SegmentRow>,
    /// Sentences for a person.
    pub notes: Vec<String>,
}

/// Summarizes every segment. Errs when a rule is refused (see [`evaluate`]).
pub fn summary(book: &Book, analytics: &Analytics, rules: &[Rule]) -> Result<SegmentsReport> {
    let settings = Settings::of(book);
    let mut totals: BTreeMap<Currency, Decimal> = BTreeMap::new();
    for row in analytics.listed() {
        if let Some(currency) = row.currency {
            *totals.entry(currency).or_default() += row.revenue;
        }
    }
    let mut segments: Vec<Segment> = (0..rules.len()).map(Segment::Rule).collect();
    segments.extend(Segment::built_ins());
    // The class by main family, before `all`, which closes the list.
    segments
        .splice(segments.len() - 1.., Segment::families(book))
        .for_each(drop);
    segments.push(Segment::All);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for segment in segments {
        let outcome = members(book, analytics, rules, segment.clone())?;
        let name = segment.name(rules);
        notes.extend(failure_note(&name, &outcome));
        let mut by_currency: BTreeMap<Option<Currency>, SegmentRow> = BTreeMap::new();
        let blank = |currency: Option<Currency>| SegmentRow {
            segment: name.clone(),
            kind: segment.kind(),
            description: segment.description(rules, &settings),
            currency,
            members: 0,
            revenue: Decimal::ZERO,
            revenue_vat_unknown: Decimal::ZERO,
            share: None,
            balance: Decimal::ZERO,
            overdue: Decimal::ZERO,
        };
        for (index, _) in outcome.members.iter().enumerate().filter(|(_, m)| **m) {
            let m = &analytics.contacts[index];
            let row = by_currency
                .entry(m.currency)
                .or_insert_with(|| blank(m.currency));
            row.members += 1;
            row.revenue += m.revenue;
            row.revenue_vat_unknown += m.revenue_vat_unknown.amount;
            row.balance += m.balance;
            row.overdue += m.overdue;
        }
        if by_currency.is_empty() {
            by_currency.insert(book.config.currency, blank(book.config.currency));
        }
        for mut row in by_currency.into_values() {
            let total = row
                .currency
                .and_then(|c| totals.get(&c).copied())
                .unwrap_or_default();
            row.share = super::metrics::ratio(row.revenue, total, 4);
            rows.push(row);
        }
    }
    notes.extend(analytics.notes.iter().cloned());
    notes.extend(super::metrics::rows_vat_unknown_notes(analytics.listed()));
    Ok(SegmentsReport { rows, notes })
}

impl Tabular for SegmentsReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("segment"),
            Column::text("kind").priority(2),
            Column::prose("description").priority(3),
            Column::text("currency"),
            Column::amount("members"),
            Column::money("revenue"),
            Column::money("revenue_vat_unknown").priority(5),
            Column::amount("share").priority(1),
            Column::money("balance").priority(2),
            Column::money("overdue").priority(3),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.segment.clone()),
                    Cell::from(row.kind.to_string()),
                    Cell::from(row.description.clone()),
                    row.currency
                        .map_or(Cell::Null, |c| Cell::from(c.to_string())),
                    Cell::Integer(row.members as i64),
                    Cell::Amount(row.revenue),
                    Cell::Amount(row.revenue_vat_unknown),
                    row.share.map_or(Cell::Null, Cell::Decimal),
                    Cell::Amount(row.balance),
                    Cell::Amount(row.overdue),
                ]
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Checking folio.toml.

/// Checks `[segments]` and `[analytics]` of a loaded folio.toml: every rule compiles, names only
/// what exists, and is true or false; every analytics key is in range. Each problem is placed at
/// its line and column in `text` (a problem inside a rule: where the rule starts plus the offset
/// of the problem in it). The book loader calls this after reading folio.toml.
pub fn check_config(config: &Config, text: &str, path: &Path) -> Vec<Diagnostic> {
    let (root, _) = DeTable::parse_recoverable(text);
    let spans = Spans {
        text,
        root: root.get_ref(),
    };
    let error_at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        Diagnostic::error(path, line, column, message)
            .with_excerpt(line_text(text, line).unwrap_or_default())
    };
    let mut diagnostics = Vec::new();
    for (name, rule) in &config.segments {
        let key_offset = spans.key(&["segments", name]).map_or(0, |span| span.start);
        if let Err(message) = check_segment_name(name) {
            diagnostics.push(error_at(key_offset, message));
        }
        let value = spans.value(&["segments", name, "where"]);
        for (offset, message) in check_rule(name, rule) {
            let at = match (&value, offset) {
                (Some(span), Some(offset)) => {
                    expression_offset(text, span.clone(), &rule.rule, offset)
                }
                (Some(span), None) => expression_offset(text, span.clone(), &rule.rule, 0),
                (None, _) => key_offset,
            };
            diagnostics.push(error_at(at, message));
        }
    }
    for problem in Settings::resolve(&config.analytics).1 {
        let at = spans
            .value(&problem.key)
            .or_else(|| spans.key(&problem.key[..problem.key.len() - 1]))
            .map_or(0, |span| span.start);
        diagnostics.push(error_at(at, problem.message));
    }
    diagnostics
}

/// A segment name: like a contact id, so it never clashes with the built-in `rfm:...` names.
fn check_segment_name(name: &str) -> std::result::Result<(), String> {
    if name == ALL {
        return Err(
            "segment name `all` is reserved for every customer; choose another name".into(),
        );
    }
    let bytes = name.as_bytes();
    let valid = (1..=64).contains(&bytes.len())
        && matches!(bytes[0], b'a'..=b'z' | b'0'..=b'9')
        && bytes
            .iter()
            .all(|&b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "invalid segment name `{name}`: expected 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
        ))
    }
}

/// The problems of one rule: each with the character offset in the expression when known. The
/// text is measured first; the rest runs on the rules' stack with panics caught (see
/// [`engine`]).
fn check_rule(name: &str, rule: &SegmentRule) -> Vec<(Option<usize>, String)> {
    let source = &rule.rule;
    if source.trim().is_empty() {
        return vec![(
            None,
            format!(
                "segment `{name}`: the rule is empty; write a condition such as 'revenue >= 10000'"
            ),
        )];
    }
    if let Err((offset, message)) = engine::check_text(source) {
        return vec![(offset, format!("segment `{name}`: {message}"))];
    }
    match engine::on_rule_stack(|| quietly(|| check_compiled(name, source))) {
        Ok(Ok(problems)) => problems,
        Ok(Err(panic)) => vec![(
            None,
            format!(
                "segment `{name}`: the rule cannot be checked: {}",
                interpreter_failed(&panic)
            ),
        )],
        Err(message) => vec![(None, format!("segment `{name}`: {message}"))],
    }
}

/// Compiles a rule, then checks its tree, its names and its types.
fn check_compiled(name: &str, source: &str) -> Vec<(Option<usize>, String)> {
    let program = match Program::compile(source) {
        Ok(program) => program,
        Err(errors) => {
            // The first error is the one to fix; ANTLR's follow-ups mostly repeat it.
            let Some(error) = errors.errors.first() else {
                return vec![(None, format!("segment `{name}`: invalid rule"))];
            };
            let offset = char_offset(source, error.pos.0, error.pos.1);
            return vec![(
                Some(offset),
                format!(
                    "segment `{name}`: syntax error in the rule at character {}: {}",
                    offset + 1,
                    tidy_message(&error.msg)
                ),
            )];
        }
    };
    let tokens = identifiers(source);
    if let Err(problem) = engine::check_tree(program.expression()) {
        let offset = match &problem {
            engine::TreeProblem::Message(type_name) => {
                let first = type_name.split('.').next().unwrap_or_default();
                tokens.iter().find(|t| t.text == first).map(|t| t.start)
            }
            _ => None,
        };
        return vec![(offset, format!("segment `{name}`: {}", problem.message()))];
    }
    let problems = check_names(name, &tokens, &program);
    if !problems.is_empty() {
        return problems;
    }
    check_types(name, &program).into_iter().collect()
}

/// Unknown variables and functions of a compiled rule.
fn check_names(
    name: &str,
    tokens: &[Ident<'_>],
    program: &Program,
) -> Vec<(Option<usize>, String)> {
    let bound: Vec<&str> = tokens
        .windows(2)
        .filter(|pair| {
            pair[0].after_dot && pair[0].before_paren && BINDING_MACROS.contains(&pair[0].text)
        })
        .map(|pair| pair[1].text)
        .collect();
    let mut problems = Vec::new();
    let references = program.references();
    let mut variables = references.variables();
    variables.sort_unstable();
    for variable in variables {
        if VARIABLES.iter().any(|(known, _)| *known == variable) || bound.contains(&variable) {
            continue;
        }
        let offset = tokens
            .iter()
            .find(|t| t.text == variable && !t.after_dot)
            .map(|t| t.start);
        let hint = did_you_mean(variable, VARIABLES.iter().map(|(known, _)| *known))
            .map_or(String::new(), |near| format!("; did you mean `{near}`?"));
        problems.push((
            offset,
            format!(
                "segment `{name}`: unknown name `{variable}` in the rule{hint} (docs/segments.md lists the names)"
            ),
        ));
    }
    let mut functions = references.functions();
    functions.sort_unstable();
    for function in functions {
        let operator = !function.starts_with(|c: char| c.is_ascii_alphabetic());
        if operator || FUNCTIONS.contains(&function) {
            continue;
        }
        let offset = tokens
            .iter()
            .find(|t| t.text == function && t.before_paren)
            .map(|t| t.start);
        let hint = did_you_mean(function, FUNCTIONS.iter().copied())
            .map_or(String::new(), |near| format!("; did you mean `{near}`?"));
        problems.push((
            offset,
            format!("segment `{name}`: unknown function `{function}` in the rule{hint}"),
        ));
    }
    problems
}

/// Evaluates a rule once on [`Probe`], a contact with every field set, under the same budget as
/// any contact: type errors, loops over what is not a list, and rules that run away whatever the
/// data are found when the book is loaded.
fn check_types(name: &str, program: &Program) -> Option<(Option<usize>, String)> {
    let root = engine::root_context();
    let mut context = root.new_inner_scope();
    context.set_variable_resolver(&Probe);
    let message = match engine::Plan::new(program.expression()).evaluate(&context) {
        Ok(Value::Bool(_)) => return None,
        Ok(other) => format!(
            "the rule must be true or false, but it gives {}",
            type_name(&other)
        ),
        Err(Stop::Cel(error)) if is_type_error(&error) => format!(
            "the rule cannot be evaluated: {}",
            describe_error(&error, false)
        ),
        Err(Stop::NotIterable(kind)) => {
            format!("the rule cannot be evaluated: {}", not_iterable(kind))
        }
        Err(Stop::Steps) => too_many_steps(),
        Err(Stop::Cel(_)) => return None,
    };
    Some((None, format!("segment `{name}`: {message}")))
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Int(_) => "an int",
        Value::UInt(_) => "a uint",
        Value::Float(_) => "a double",
        Value::Bool(_) => "a bool",
        Value::String(_) => "a string",
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
        Value::Null => "null",
        _ => "a value that is not true or false",
    }
}

/// ANTLR's message with its token set put in words.
fn tidy_message(message: &str) -> String {
    let message = message.strip_prefix("Syntax error: ").unwrap_or(message);
    // Some errors arrive as the parser's debug output, `OtherError(ParseError { ..., msg:
    // "Recursion limit of 96 exceeded", ... })`: keep the sentence.
    if let Some(inner) = message
        .split_once("msg: \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(inner, _)| inner)
    {
        return match inner.contains("Recursion limit") {
            true => format!("{inner}: nest fewer parentheses, lists or calls"),
            false => inner.to_string(),
        };
    }
    match message.find(" expecting {") {
        Some(at) => {
            let set = &message[at..];
            let expected = if set.contains("IDENTIFIER") {
                "a value (a name, a number, a string, a list or a parenthesis)"
            } else {
                "an operator or the end of the rule"
            };
            format!("{} expecting {expected}", &message[..at])
        }
        None => message.to_string(),
    }
}

/// The character offset in `source` of a 1-based line and column as CEL reports them.
fn char_offset(source: &str, line: isize, column: isize) -> usize {
    let mut offset = 0;
    for (index, text) in source.split('\n').enumerate() {
        if index as isize + 1 == line {
            let column = usize::try_from(column - 1).unwrap_or(0);
            return offset + column.min(text.chars().count());
        }
        offset += text.chars().count() + 1;
    }
    source.chars().count()
}

/// An identifier of a rule, outside strings.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ident<'a> {
    text: &'a str,
    /// Character offset.
    start: usize,
    /// Follows a `.`: a field or method, not a variable.
    after_dot: bool,
    /// Followed by `(`: a call.
    before_paren: bool,
}

/// The identifiers of a CEL expression, skipping string literals and numbers.
fn identifiers(source: &str) -> Vec<Ident<'_>> {
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let mut found: Vec<Ident<'_>> = Vec::new();
    let mut i = 0;
    let previous_significant = |i: usize| chars[..i].iter().rev().find(|(_, c)| !c.is_whitespace());
    while i < chars.len() {
        let c = chars[i].1;
        if c == '"' || c == '\'' {
            i = skip_string(&chars, i, false);
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].1.is_ascii_alphanumeric() || chars[i].1 == '.') {
                i += 1;
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].1.is_ascii_alphanumeric() || chars[i].1 == '_') {
                i += 1;
            }
            let end = chars.get(i).map_or(source.len(), |(b, _)| *b);
            let text = &source[chars[start].0..end];
            let next = chars[i..].iter().find(|(_, c)| !c.is_whitespace());
            // r"..." and b'...': a string prefix, not a name.
            let prefix = text.to_ascii_lowercase();
            if matches!(prefix.as_str(), "r" | "b" | "rb" | "br")
                && matches!(chars.get(i), Some((_, '"' | '\'')))
            {
                i = skip_string(&chars, i, prefix.contains('r'));
                continue;
            }
            if matches!(text, "in" | "true" | "false" | "null") {
                continue;
            }
            found.push(Ident {
                text,
                start,
                after_dot: matches!(previous_significant(start), Some((_, '.'))),
                before_paren: matches!(next, Some((_, '('))),
            });
        } else {
            i += 1;
        }
    }
    found
}

/// Skips a string literal starting at `chars[i]` (a quote); returns the index after it. In a raw
/// string (`r"..."`) a backslash escapes nothing; a string in single quotes ends at the end of its
/// line, as CEL's lexer ends it there.
fn skip_string(chars: &[(usize, char)], i: usize, raw: bool) -> usize {
    let quote = chars[i].1;
    let triple = chars.len() >= i + 3 && chars[i + 1].1 == quote && chars[i + 2].1 == quote;
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < chars.len() {
        match chars[j].1 {
            '\\' if !raw => j += 2,
            '\n' | '\r' if !triple => return j,
            c if c == quote => {
                if !triple {
                    return j + 1;
                }
                if chars.len() >= j + 3 && chars[j + 1].1 == quote && chars[j + 2].1 == quote {
                    return j + 3;
                }
                j += 1;
            }
            _ => j += 1,
        }
    }
    chars.len()
}

/// Spans of keys and values in folio.toml.
struct Spans<'a, 'i> {
    text: &'a str,
    root: &'a DeTable<'i>,
}

impl Spans<'_, '_> {
    fn lookup(&self, path: &[&str]) -> Option<(Range<usize>, Range<usize>)> {
        let mut table = self.root;
        let mut found = None;
        for (depth, step) in path.iter().enumerate() {
            let (key, value) = table
                .iter()
                .find(|(key, _)| key.get_ref().as_ref() == *step)?;
            found = Some((key.span(), value.span()));
            if depth + 1 < path.len() {
                let DeValue::Table(inner) = value.get_ref() else {
                    return None;
                };
                table = inner;
            }
        }
        let _ = self.text;
        found
    }

    fn key(&self, path: &[&str]) -> Option<Range<usize>> {
        self.lookup(path).map(|(key, _)| key)
    }

    fn value(&self, path: &[&str]) -> Option<Range<usize>> {
        self.lookup(path).map(|(_, value)| value)
    }
}

/// The byte offset in folio.toml of character `offset` of the expression held by the TOML string
/// at `span`. When the string's text cannot be mapped (which should not happen), the start of
/// the string.
fn expression_offset(text: &str, span: Range<usize>, value: &str, offset: usize) -> usize {
    let Some(raw) = text.get(span.clone()) else {
        return span.start;
    };
    match decode_offsets(raw) {
        Some((decoded, offsets)) if decoded == value => {
            span.start + offsets.get(offset).copied().unwrap_or(raw.len())
        }
        _ => span.start,
    }
}

/// Decodes a TOML string literal (basic, literal or either multi-line form), returning its value
/// and, for each character of the value, the byte offset in `raw` it came from (plus one entry
/// for the closing delimiter).
fn decode_offsets(raw: &str) -> Option<(String, Vec<usize>)> {
    let (delimiter, basic) = if raw.starts_with("\"\"\"") {
        ("\"\"\"", true)
    } else if raw.starts_with("'''") {
        ("'''", false)
    } else if raw.starts_with('"') {
        ("\"", true)
    } else if raw.starts_with('\'') {
        ("'", false)
    } else {
        return None;
    };
    let body_end = raw.len().checked_sub(delimiter.len())?;
    if body_end < delimiter.len() || !raw.ends_with(delimiter) {
        return None;
    }
    let mut start = delimiter.len();
    let multiline = delimiter.len() == 3;
    if multiline {
        if raw[start..].starts_with("\r\n") {
            start += 2;
        } else if raw[start..].starts_with('\n') {
            start += 1;
        }
    }
    let body: Vec<(usize, char)> = raw[start..body_end]
        .char_indices()
        .map(|(i, c)| (i + start, c))
        .collect();
    let mut value = String::new();
    let mut offsets = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let (at, c) = body[i];
        if basic && c == '\\' {
            let (_, next) = *body.get(i + 1)?;
            let simple = match next {
                'b' => Some('\u{8}'),
                't' => Some('\t'),
                'n' => Some('\n'),
                'f' => Some('\u{c}'),
                'r' => Some('\r'),
                'e' => Some('\u{1b}'),
                '"' => Some('"'),
                '\\' => Some('\\'),
                _ => None,
            };
            if let Some(decoded) = simple {
                value.push(decoded);
                offsets.push(at);
                i += 2;
                continue;
            }
            let digits = match next {
                'x' => 2,
                'u' => 4,
                'U' => 8,
                _ => 0,
            };
            if digits > 0 {
                let hex: String = body
                    .get(i + 2..i + 2 + digits)?
                    .iter()
                    .map(|(_, c)| c)
                    .collect();
                value.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                offsets.push(at);
                i += 2 + digits;
                continue;
            }
            // A line-ending backslash: skip the whitespace and newlines after it.
            if multiline && next.is_whitespace() {
                i += 1;
                while i < body.len() && body[i].1.is_whitespace() {
                    i += 1;
                }
                continue;
            }
            return None;
        }
        if c == '\r' && matches!(body.get(i + 1), Some((_, '\n'))) {
            i += 1;
            continue;
        }
        value.push(c);
        offsets.push(at);
        i += 1;
    }
    offsets.push(body_end);
    Some((value, offsets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_toml_strings_with_offsets() {
        let (value, offsets) = decode_offsets("'a \"b\"'").unwrap();
        assert_eq!(value, "a \"b\"");
        assert_eq!(offsets, [1, 2, 3, 4, 5, 6]);
        let (value, offsets) = decode_offsets(r#""\"vip\" in x""#).unwrap();
        assert_eq!(value, "\"vip\" in x");
        assert_eq!(&offsets[..3], [1, 3, 4]);
        let (value, _) = decode_offsets("'''\nrevenue > 1'''").unwrap();
        assert_eq!(value, "revenue > 1");
        let (value, offsets) = decode_offsets("\"\"\"a \\\n   b\"\"\"").unwrap();
        assert_eq!(value, "a b");
        assert_eq!(offsets[2], 10);
        let (value, _) = decode_offsets(r#""\u00e9\x41""#).unwrap();
        assert_eq!(value, "éA");
        assert!(decode_offsets("x").is_none());
    }

    #[test]
    fn finds_identifiers_outside_strings() {
        let tokens =
            identifiers(r#"revenu >= 1e3 && "x y" in tags && tags.exists(t, t.startsWith('a'))"#);
        let names: Vec<(&str, bool, bool)> = tokens
            .iter()
            .map(|t| (t.text, t.after_dot, t.before_paren))
            .collect();
        assert_eq!(
            names,
            [
                ("revenu", false, false),
                ("tags", false, false),
                ("tags", false, false),
                ("exists", true, true),
                ("t", false, false),
                ("t", false, false),
                ("startsWith", true, true),
            ]
        );
    }

    fn problems(rule: &str) -> Vec<(Option<usize>, String)> {
        check_rule(
            "s",
            &SegmentRule {
                rule: rule.to_string(),
                description: None,
            },
        )
    }

    #[test]
    fn rules_are_checked_for_syntax_names_and_types() {
        assert!(problems(r#"revenue >= 10000 || "vip" in tags"#).is_empty());
        assert!(problems(r#"country == "BE" && industry == "wholesale""#).is_empty());
        assert!(problems("recency > 180").is_empty());
        assert!(problems(r#"tags.exists(t, t.startsWith("v")) && has(custom.x)"#).is_empty());
        assert!(problems(r#"product_revenue["CHAIR"] >= 100.0 && "wood" in families"#).is_empty());
        assert!(problems(r#""CHAIR" in products && main_family == "wood""#).is_empty());
        let product = problems(r#"invoices > 1 && "CHAIR" in product"#);
        assert_eq!(product[0].0, Some(27));
        assert!(product[0].1.contains("did you mean `products`"));
        let syntax = problems("revenue >= || x");
        assert_eq!(syntax[0].0, Some(11));
        assert!(syntax[0].1.contains("character 12"), "{}", syntax[0].1);
        let unknown = problems("invoices > 1 && revenu > 3");
        assert_eq!(unknown[0].0, Some(16));
        assert!(unknown[0].1.contains("did you mean `revenue`"));
        let function = problems("sizee(tags) > 1");
        assert_eq!(function[0].0, Some(0));
        assert!(function[0].1.contains("did you mean `size`"));
        assert!(problems(r#"country > 5"#)[0].1.contains("cannot compare"));
        assert!(
            problems("revenue + 1")[0]
                .1
                .contains("cannot apply `add` to a double and an int")
        );
        let number = problems("revenue + 1.0");
        assert!(number[0].1.contains("true or false"), "{number:?}");
        assert_eq!(problems("  ")[0].0, None);
    }

    #[test]
    fn logical_operators_absorb_errors_as_cel_says() {
        let root = engine::root_context();
        let mut context = root.new_inner_scope();
        context.add_variable_from_value("recency", Value::Null);
        context.add_variable_from_value("overdue", Value::Float(10.0));
        let eval = |src: &str| {
            let program = Program::compile(src).unwrap();
            engine::Plan::new(program.expression()).evaluate(&context)
        };
        assert_eq!(eval("recency > 180 || overdue > 0"), Ok(Value::Bool(true)));
        assert_eq!(eval("overdue > 0 || recency > 180"), Ok(Value::Bool(true)));
        assert_eq!(eval("recency > 180 && overdue < 0"), Ok(Value::Bool(false)));
        assert_eq!(eval("overdue < 0 && recency > 180"), Ok(Value::Bool(false)));
        assert!(eval("recency > 180 && overdue > 0").is_err());
        assert!(eval("recency > 180 || overdue < 0").is_err());
        assert!(eval("!(recency > 180)").is_err());
        assert_eq!(eval("!(overdue > 0)"), Ok(Value::Bool(false)));
        assert_eq!(
            eval("(recency > 1 || 1 == 1) && overdue == 10"),
            Ok(Value::Bool(true))
        );
    }

    #[test]
    fn segment_names_are_checked() {
        assert!(check_segment_name("be-wholesale").is_ok());
        assert!(check_segment_name("all").is_err());
        assert!(check_segment_name("VIP").is_err());
        assert!(check_segment_name("rfm:x").is_err());
    }
}
