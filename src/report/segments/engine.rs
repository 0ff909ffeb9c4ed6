//! Running a segment rule so that no rule can crash folio or run away with it.
//!
//! The `cel` crate recurses as deep as a rule nests (its parser, its tree and its interpreter
//! alike), builds whatever a rule asks for, and panics on a few shapes (`Foo{}`, `exists` over a
//! string). Each stage is therefore guarded:
//!
//! 1. before compiling, the text is measured ([`check_text`]): at most [`MAX_CHARS`] characters
//!    and [`MAX_DEPTH`] levels of nesting, counted without recursion;
//! 2. compiling, checking and evaluating run on a thread of their own ([`on_rule_stack`]) whose
//!    stack holds the parser on any text of [`MAX_CHARS`] characters, so a text that the
//!    measure misjudges (its lexer is not CEL's) cannot overflow it either;
//! 3. after compiling, the tree is checked ([`check_tree`]): depth, and nothing the interpreter
//!    cannot evaluate;
//! 4. evaluation goes through [`Plan`], which walks every comprehension (`exists`, `all`, `map`,
//!    `filter`) and everything above or inside one itself, under a budget of [`MAX_STEPS`] per
//!    contact; the subtrees it hands to the interpreter whole hold no loop, so they run once;
//! 5. a panic of the interpreter is caught ([`crate::error::quietly`]) and becomes an error.

use super::type_name;
use crate::error::panic_message;
use cel::common::ast::{
    CallExpr, ComprehensionExpr, EntryExpr, Expr, IdedEntryExpr, IdedExpr, MapEntryExpr, MapExpr,
    SelectExpr, operators,
};
use cel::common::value::CelVal;
use cel::extractors::This;
use cel::objects::Value;
use cel::{Context, ExecutionError, FunctionContext};
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// The longest rule, in characters. It bounds everything the parser does.
pub(super) const MAX_CHARS: usize = 10_000;

/// The deepest a rule may nest, measured on its text: each bracket and each operator, field,
/// index or call of a chain is a level; `&&`, `||` and `,` start a new chain.
pub(super) const MAX_DEPTH: usize = 64;

/// The deepest compiled tree. Above [`MAX_DEPTH`], which the text measure enforces, because
/// `&&` and `||` chains become balanced trees and macros add a few levels; below what the
/// interpreter's frames need of [`STACK`].
pub(super) const MAX_TREE_DEPTH: usize = 256;

/// The most steps a rule may take for one contact: each operation is a step, plus one per item,
/// entry or character of the lists, maps and strings it reads. A rule cannot build more than it
/// reads, so this bounds its memory too.
pub(super) const MAX_STEPS: u64 = 100_000;

/// The most steps a rule may take over all the contacts of one pass, beyond what reading the
/// book's entries needs ([`STEPS_PER_ENTRY`] each): a rule that stays under [`MAX_STEPS`] for every
/// contact by walking the same literal lists for each would otherwise take minutes on a large book.
pub(super) const MAX_PASS_STEPS: u64 = 20_000_000;

/// What the pass budget grows by for each entry of the book, so that rules reading every
/// contact's invoices and payments scale with the book.
pub(super) const STEPS_PER_ENTRY: u64 = 20;

/// The stack of the thread that compiles and evaluates rules. The interpreter's frames are large
/// (tens of kilobytes each in a debug build), so a tree of [`MAX_TREE_DEPTH`] needs several
/// megabytes, as does the parser on a [`MAX_CHARS`] chain; this leaves a wide margin, and is only
/// reserved, not used, beyond what a rule needs.
const STACK: usize = 64 << 20;

// ---------------------------------------------------------------------------------------------
// Before compiling: the text.

/// A problem of a rule: the character offset it is at, when known, and the message.
pub(super) type Problem = (Option<usize>, String);

/// Checks the size and the nesting of a rule's text, before the parser sees it.
pub(super) fn check_text(source: &str) -> Result<(), Problem> {
    let length = source.chars().count();
    if length > MAX_CHARS {
        return Err((
            None,
            format!(
                "the rule is {length} characters long, more than the {MAX_CHARS} allowed; split it into several segments"
            ),
        ));
    }
    match too_deep(source) {
        Some(offset) => Err((
            Some(offset),
            format!(
                "the rule nests too deep at character {}: more than {MAX_DEPTH} levels of brackets, operators, fields, indexes and calls inside one another (`&&`, `||` and `,` start afresh); write it as simpler conditions",
                offset + 1
            ),
        )),
        None => Ok(()),
    }
}

/// The nesting of one bracket level of a rule's text.
#[derive(Default)]
struct Level {
    /// Operators, fields, indexes and calls of the current chain.
    chain: usize,
    /// Conditionals (`?`): each nests the rest of the level, `&&` and `||` included.
    conditionals: usize,
}

/// The nesting at one point of a rule's text: the open levels and the sum of their counts.
struct Nesting {
    levels: Vec<Level>,
    depth: usize,
}

impl Nesting {
    fn top(&mut self) -> &mut Level {
        self.levels
            .last_mut()
            .expect("the outermost level is never closed")
    }

    /// One more operator, field, index or call in the current chain.
    fn link(&mut self) {
        self.top().chain += 1;
        self.depth += 1;
    }

    fn conditional(&mut self) {
        self.top().conditionals += 1;
        self.depth += 1;
    }

    /// A bracket: a link of the chain it is in, and a new level.
    fn open(&mut self) {
        self.link();
        self.levels.push(Level::default());
    }

    fn close(&mut self) {
        if self.levels.len() > 1 {
            let closed = self.levels.pop().unwrap_or_default();
            self.depth -= closed.chain + closed.conditionals;
        }
    }

    /// `&&` or `||`: a new chain.
    fn end_chain(&mut self) {
        let chain = std::mem::take(&mut self.top().chain);
        self.depth -= chain;
    }

    /// `,`: a new element, conditionals and all.
    fn end_element(&mut self) {
        let level = std::mem::take(self.top());
        self.depth -= level.chain + level.conditionals;
    }
}

/// The character offset where the nesting of `source` first exceeds [`MAX_DEPTH`], if it does.
/// A level counts its chain, like the parser's tree for `a + b + c` or `a.b.c`; `&&`, `||` and
/// `,` end a chain, as they give the parser flat lists.
fn too_deep(source: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let mut nesting = Nesting {
        levels: vec![Level::default()],
        depth: 0,
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let start = i;
        i += 1;
        match c {
            '"' | '\'' => i = super::skip_string(&chars, start, false),
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i].1 != '\n' {
                    i += 1;
                }
            }
            c if c.is_ascii_alphanumeric() || c == '_' => {
                i = skip_word(&chars, start, &mut nesting)
            }
            '(' | '[' | '{' => nesting.open(),
            ')' | ']' | '}' => nesting.close(),
            ',' => nesting.end_element(),
            '&' | '|' if next == Some(c) => {
                i += 1;
                nesting.end_chain();
            }
            '?' => nesting.conditional(),
            '=' | '!' | '<' | '>' | '+' | '-' | '*' | '/' | '%' | '.' => {
                if next == Some('=') {
                    i += 1;
                }
                nesting.link();
            }
            _ => {}
        }
        if nesting.depth > MAX_DEPTH {
            return Some(start);
        }
    }
    None
}

/// Skips the name, keyword, number or prefixed string (`r"..."`, `b'...'`) at `chars[start]`;
/// returns the index after it. The operator `in` is a link of its chain.
fn skip_word(chars: &[(usize, char)], start: usize, nesting: &mut Nesting) -> usize {
    // A number's `.` is no field.
    let number = chars[start].1.is_ascii_digit();
    let mut i = start + 1;
    while i < chars.len()
        && (chars[i].1.is_ascii_alphanumeric()
            || chars[i].1 == '_'
            || (number && chars[i].1 == '.'))
    {
        i += 1;
    }
    let word: String = chars[start..i]
        .iter()
        .map(|&(_, c)| c.to_ascii_lowercase())
        .collect();
    let quoted = matches!(chars.get(i), Some((_, '"' | '\'')));
    if quoted && matches!(word.as_str(), "r" | "b" | "rb" | "br") {
        return super::skip_string(chars, i, word.contains('r'));
    }
    if word == "in" {
        nesting.link();
    }
    i
}

// ---------------------------------------------------------------------------------------------
// After compiling: the tree.

/// What [`check_tree`] refuses.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum TreeProblem {
    /// Deeper than [`MAX_TREE_DEPTH`].
    TooDeep,
    /// `Foo{...}`, a protocol-buffer message, with its type name.
    Message(String),
    /// A node the parser left empty (it reports a syntax error with it).
    Incomplete,
}

impl TreeProblem {
    /// The problem in words.
    pub(super) fn message(&self) -> String {
        match self {
            TreeProblem::TooDeep => format!(
                "the rule nests too deep: its tree has more than {MAX_TREE_DEPTH} levels; write it as simpler conditions"
            ),
            TreeProblem::Message(name) => format!(
                "`{name}{{...}}` builds a message, which segment rules do not have; write a map such as {{\"key\": value}} instead"
            ),
            TreeProblem::Incomplete => "the rule is incomplete".to_string(),
        }
    }
}

/// Checks a compiled rule without recursion: its depth, and that it holds nothing the
/// interpreter would panic on (messages, empty nodes).
pub(super) fn check_tree(root: &IdedExpr) -> Result<(), TreeProblem> {
    let mut pending = vec![(root, 1)];
    while let Some((expr, depth)) = pending.pop() {
        if depth > MAX_TREE_DEPTH {
            return Err(TreeProblem::TooDeep);
        }
        match &expr.expr {
            Expr::Struct(message) => return Err(TreeProblem::Message(message.type_name.clone())),
            Expr::Map(map) if map.entries.iter().any(|e| !is_map_entry(e)) => {
                return Err(TreeProblem::Incomplete);
            }
            Expr::Unspecified => return Err(TreeProblem::Incomplete),
            _ => {}
        }
        for_each_child(expr, &mut |child| pending.push((child, depth + 1)));
    }
    Ok(())
}

fn is_map_entry(entry: &IdedEntryExpr) -> bool {
    matches!(entry.expr, EntryExpr::MapEntry(_))
}

/// Calls `visit` with each direct child of `expr`.
fn for_each_child<'a>(expr: &'a IdedExpr, visit: &mut impl FnMut(&'a IdedExpr)) {
    match &expr.expr {
        Expr::Call(call) => {
            if let Some(target) = &call.target {
                visit(target);
            }
            call.args.iter().for_each(visit);
        }
        Expr::Comprehension(loop_) => {
            for child in [
                &loop_.iter_range,
                &loop_.accu_init,
                &loop_.loop_cond,
                &loop_.loop_step,
                &loop_.result,
            ] {
                visit(child);
            }
        }
        Expr::List(list) => list.elements.iter().for_each(visit),
        Expr::Map(map) => map
            .entries
            .iter()
            .for_each(|entry| entry_children(entry, visit)),
        Expr::Struct(message) => message
            .entries
            .iter()
            .for_each(|entry| entry_children(entry, visit)),
        Expr::Select(select) => visit(&select.operand),
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => {}
    }
}

fn entry_children<'a>(entry: &'a IdedEntryExpr, visit: &mut impl FnMut(&'a IdedExpr)) {
    match &entry.expr {
        EntryExpr::MapEntry(entry) => {
            visit(&entry.key);
            visit(&entry.value);
        }
        EntryExpr::StructField(field) => visit(&field.value),
    }
}

// ---------------------------------------------------------------------------------------------
// The thread and the net.

/// Runs `work` on a thread whose stack holds the parser and the interpreter on any rule that
/// passed [`check_text`]. Callers may be on rayon's threads, whose 2 MB stacks do not.
/// Errs when the thread cannot be started, or (which [`crate::error::quietly`] should prevent) panicked.
pub(super) fn on_rule_stack<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T, String> {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("folio-rules".to_string())
            .stack_size(STACK)
            .spawn_scoped(scope, work)
            .map_err(|error| format!("cannot start a thread for the segment rules: {error}"))?;
        thread
            .join()
            .map_err(|payload| panic_message(payload.as_ref()))
    })
}

// ---------------------------------------------------------------------------------------------
// Evaluation under a budget.

/// Why an evaluation gave no value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Stop {
    /// An error of the interpreter: a type error, a missing value...
    Cel(ExecutionError),
    /// `exists`, `all`, `map` or `filter` over a value that is not a list or a map: its type.
    NotIterable(&'static str),
    /// The rule used up its [`MAX_STEPS`]. Never absorbed by `&&` or `||`.
    Steps,
}

/// How a compiled rule is evaluated: which subtrees the interpreter evaluates whole, and which
/// folio walks. Built once per evaluation of a rule over the contacts; after [`check_tree`], as
/// building it recurses as deep as the tree.
pub(super) struct Plan<'a> {
    root: Node<'a>,
}

enum Node<'a> {
    /// A subtree without comprehension outside any loop, evaluated by the interpreter at once,
    /// costing one step per node.
    Whole(&'a IdedExpr, u64),
    /// A name or a literal inside a loop.
    Leaf(&'a IdedExpr),
    /// `&&` (`or` false) or `||`, decided by either side as CEL says.
    Logical {
        or: bool,
        left: Box<Node<'a>>,
        right: Box<Node<'a>>,
    },
    /// `!`.
    Not(Box<Node<'a>>),
    /// `c ? a : b`.
    Conditional(Box<[Node<'a>; 3]>),
    /// A list literal.
    List(Vec<Node<'a>>),
    /// Any other operation: its operands are evaluated here, then the interpreter applies the
    /// operation to them, named `@0`, `@1`... in a copy of the node.
    Apply {
        operands: Vec<(String, Node<'a>)>,
        twin: IdedExpr,
    },
    /// `exists`, `all`, `exists_one`, `map`, `filter`.
    Loop(Box<Loop<'a>>),
    /// What [`check_tree`] refuses; evaluates to an error rather than a panic.
    Refused,
}

struct Loop<'a> {
    iter_var: &'a str,
    accu_var: &'a str,
    init: Node<'a>,
    range: Node<'a>,
    body: Body<'a>,
    result: Node<'a>,
}

enum Body<'a> {
    /// The general form: while `cond` holds, the accumulator becomes `step`.
    General { cond: Node<'a>, step: Node<'a> },
    /// `map` and `filter` (`accumulator + [item]`, when `keep` holds): folio appends to the list
    /// in place, where the interpreter would copy it at every item.
    Append {
        keep: Option<Node<'a>>,
        item: Node<'a>,
    },
}

impl<'a> Plan<'a> {
    /// Plans a compiled rule that passed [`check_tree`].
    pub(super) fn new(root: &'a IdedExpr) -> Plan<'a> {
        Plan {
            root: plan(root, false),
        }
    }

    /// Evaluates the rule in `context` within [`MAX_STEPS`].
    pub(super) fn evaluate(&self, context: &Context) -> Result<Value, Stop> {
        self.evaluate_within(context, MAX_STEPS).0
    }

    /// Evaluates the rule in `context` within `budget` steps; also returns the steps it took.
    pub(super) fn evaluate_within(
        &self,
        context: &Context,
        budget: u64,
    ) -> (Result<Value, Stop>, u64) {
        let mut evaluation = Evaluation { left: budget };
        let result = evaluation.eval(&self.root, context);
        (result, budget - evaluation.left)
    }
}

/// What a subtree holds: whether it must be walked (a loop, or something the interpreter would
/// panic on) and how many nodes it has.
fn measure(expr: &IdedExpr) -> (bool, u64) {
    let mut walk = matches!(
        expr.expr,
        Expr::Comprehension(_) | Expr::Struct(_) | Expr::Unspecified
    ) || matches!(&expr.expr, Expr::Map(map) if map.entries.iter().any(|e| !is_map_entry(e)));
    let mut nodes = 1;
    for_each_child(expr, &mut |child| {
        let (child_walk, child_nodes) = measure(child);
        walk |= child_walk;
        nodes += child_nodes;
    });
    (walk, nodes)
}

fn plan(expr: &IdedExpr, in_loop: bool) -> Node<'_> {
    if let Expr::Call(call) = &expr.expr
        && call.target.is_none()
    {
        match (call.func_name.as_str(), call.args.as_slice()) {
            (operators::LOGICAL_OR | operators::LOGICAL_AND, [left, right]) => {
                return Node::Logical {
                    or: call.func_name == operators::LOGICAL_OR,
                    left: Box::new(plan(left, in_loop)),
                    right: Box::new(plan(right, in_loop)),
                };
            }
            (operators::LOGICAL_NOT, [operand]) => {
                return Node::Not(Box::new(plan(operand, in_loop)));
            }
            _ => {}
        }
    }
    if !in_loop {
        let (walk, nodes) = measure(expr);
        if !walk {
            return Node::Whole(expr, nodes);
        }
    }
    match &expr.expr {
        Expr::Ident(_) | Expr::Literal(_) => Node::Leaf(expr),
        Expr::Call(call) if call.target.is_none() && call.func_name == operators::CONDITIONAL => {
            match call.args.as_slice() {
                [condition, then, otherwise] => Node::Conditional(Box::new([
                    plan(condition, in_loop),
                    plan(then, in_loop),
                    plan(otherwise, in_loop),
                ])),
                _ => apply(expr, in_loop),
            }
        }
        Expr::List(list) if list.optional_indices.is_empty() => Node::List(
            list.elements
                .iter()
                .map(|element| plan(element, in_loop))
                .collect(),
        ),
        Expr::Comprehension(loop_) => Node::Loop(Box::new(Loop {
            iter_var: &loop_.iter_var,
            accu_var: &loop_.accu_var,
            init: plan(&loop_.accu_init, in_loop),
            range: plan(&loop_.iter_range, in_loop),
            body: body(loop_),
            result: plan(&loop_.result, true),
        })),
        Expr::Struct(_) | Expr::Unspecified => Node::Refused,
        Expr::Map(map) if map.entries.iter().any(|e| !is_map_entry(e)) => Node::Refused,
        Expr::Call(_) | Expr::Select(_) | Expr::Map(_) | Expr::List(_) => apply(expr, in_loop),
    }
}

/// The body of a comprehension: [`Body::Append`] for the shapes `map` and `filter` expand to
/// (`accu + [item]`, or `keep ? accu + [item] : accu`, starting from `[]` with no condition),
/// else the general form.
fn body<'a>(loop_: &'a ComprehensionExpr) -> Body<'a> {
    let accu = loop_.accu_var.as_str();
    let is_accu = |expr: &IdedExpr| matches!(&expr.expr, Expr::Ident(name) if name == accu);
    let append = |expr: &'a IdedExpr| -> Option<&'a IdedExpr> {
        let Expr::Call(call) = &expr.expr else {
            return None;
        };
        match (call.func_name.as_str(), &call.target, call.args.as_slice()) {
            (operators::ADD, None, [left, right]) if is_accu(left) => match &right.expr {
                Expr::List(list) if list.optional_indices.is_empty() => {
                    match list.elements.as_slice() {
                        [item] => Some(item),
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        }
    };
    let starts_empty =
        matches!(&loop_.accu_init.expr, Expr::List(list) if list.elements.is_empty());
    let no_condition = matches!(loop_.loop_cond.expr, Expr::Literal(CelVal::Boolean(true)));
    if starts_empty && no_condition {
        if let Some(item) = append(&loop_.loop_step) {
            return Body::Append {
                keep: None,
                item: plan(item, true),
            };
        }
        if let Expr::Call(call) = &loop_.loop_step.expr
            && call.target.is_none()
            && call.func_name == operators::CONDITIONAL
            && let [keep, then, otherwise] = call.args.as_slice()
            && is_accu(otherwise)
            && let Some(item) = append(then)
        {
            return Body::Append {
                keep: Some(plan(keep, true)),
                item: plan(item, true),
            };
        }
    }
    Body::General {
        cond: plan(&loop_.loop_cond, true),
        step: plan(&loop_.loop_step, true),
    }
}

/// Plans an operation the interpreter applies to operands folio evaluated: a copy of `expr`
/// whose operands are names bound to their values. A call on the name `optional` keeps it, as
/// the interpreter reads `optional.of(x)` as one function.
fn apply(expr: &IdedExpr, in_loop: bool) -> Node<'_> {
    let mut operands = Vec::new();
    let mut bind = |child| {
        let name = format!("@{}", operands.len());
        operands.push((name.clone(), plan(child, in_loop)));
        IdedExpr {
            id: 0,
            expr: Expr::Ident(name),
        }
    };
    let twin = match &expr.expr {
        Expr::Call(call) => Expr::Call(CallExpr {
            func_name: call.func_name.clone(),
            target: call.target.as_ref().map(|target| {
                Box::new(match &target.expr {
                    Expr::Ident(name) if name == "optional" => (**target).clone(),
                    _ => bind(target),
                })
            }),
            args: call.args.iter().map(&mut bind).collect(),
        }),
        Expr::Select(select) => Expr::Select(SelectExpr {
            operand: Box::new(bind(&select.operand)),
            field: select.field.clone(),
            test: select.test,
        }),
        Expr::Map(map) => Expr::Map(MapExpr {
            entries: map
                .entries
                .iter()
                .filter_map(|entry| match &entry.expr {
                    EntryExpr::MapEntry(pair) => Some(IdedEntryExpr {
                        id: entry.id,
                        expr: EntryExpr::MapEntry(MapEntryExpr {
                            key: bind(&pair.key),
                            value: bind(&pair.value),
                            optional: pair.optional,
                        }),
                    }),
                    EntryExpr::StructField(_) => None,
                })
                .collect(),
        }),
        Expr::List(list) => Expr::List(cel::common::ast::ListExpr {
            elements: list.elements.iter().map(&mut bind).collect(),
            optional_indices: list.optional_indices.clone(),
        }),
        _ => return Node::Refused,
    };
    Node::Apply {
        operands,
        twin: IdedExpr {
            id: expr.id,
            expr: twin,
        },
    }
}

/// The interpreter's context for a pass of a rule over the contacts: CEL's functions, with
/// `matches` compiling each pattern once per pass. The interpreter compiles it at every call,
/// which for a pattern such as `\w{100}` takes tens of milliseconds: minutes over a book.
pub(super) fn root_context() -> Context<'static> {
    let mut context = Context::default();
    context.add_function("matches", matches);
    context
}

/// The most patterns [`matches()`] keeps compiled; a rule whose patterns come from the contacts'
/// data may have one per contact, and is then compiled anew beyond this.
const MAX_PATTERNS: usize = 16;

thread_local! {
    /// The patterns [`matches`] compiled on this thread. A pass of a rule over the contacts runs
    /// on a thread of its own ([`on_rule_stack`]), so they last for one pass.
    static PATTERNS: RefCell<HashMap<String, Result<Regex, String>>> = RefCell::default();
}

/// CEL's `text.matches(pattern)`, with the same regular expressions and the same error.
fn matches(
    ftx: &FunctionContext,
    This(text): This<Arc<String>>,
    pattern: Arc<String>,
) -> Result<bool, ExecutionError> {
    PATTERNS.with(|patterns| {
        let mut patterns = patterns.borrow_mut();
        if patterns.len() >= MAX_PATTERNS && !patterns.contains_key(pattern.as_str()) {
            patterns.clear();
        }
        let compiled = patterns
            .entry(pattern.to_string())
            .or_insert_with(|| Regex::new(&pattern).map_err(|error| error.to_string()));
        match compiled {
            Ok(regex) => Ok(regex.is_match(&text)),
            Err(error) => Err(ftx.error(format!("'{pattern}' not a valid regex:\n{error}"))),
        }
    })
}

/// One evaluation: the steps left.
struct Evaluation {
    left: u64,
}

impl Evaluation {
    fn spend(&mut self, steps: u64) -> Result<(), Stop> {
        match self.left.checked_sub(steps) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => {
                self.left = 0;
                Err(Stop::Steps)
            }
        }
    }

    fn eval(&mut self, node: &Node, context: &Context) -> Result<Value, Stop> {
        match node {
            Node::Whole(expr, nodes) => {
                self.spend(*nodes)?;
                Value::resolve(expr, context).map_err(Stop::Cel)
            }
            Node::Leaf(expr) => {
                self.spend(1)?;
                Value::resolve(expr, context).map_err(Stop::Cel)
            }
            Node::Logical { or, left, right } => self.logical(*or, left, right, context),
            Node::Not(operand) => self.truth(operand, context)?.map(|b| Value::Bool(!b)),
            Node::Conditional(parts) => {
                let [condition, then, otherwise] = parts.as_ref();
                match self.condition(condition, context)? {
                    true => self.eval(then, context),
                    false => self.eval(otherwise, context),
                }
            }
            Node::List(elements) => {
                self.spend(1)?;
                let values = elements
                    .iter()
                    .map(|element| self.eval(element, context))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Value::List(Arc::new(values)))
            }
            Node::Apply { operands, twin } => self.apply(operands, twin, context),
            Node::Loop(loop_) => self.iterate(loop_, context),
            Node::Refused => Err(Stop::Cel(ExecutionError::function_error(
                "rule",
                "this expression cannot be evaluated",
            ))),
        }
    }

    /// `&&` (`or` false) or `||`: the side that decides (true for `||`, false for `&&`) wins
    /// over an error of the other side.
    fn logical(
        &mut self,
        or: bool,
        left: &Node,
        right: &Node,
        context: &Context,
    ) -> Result<Value, Stop> {
        let left = self.truth(left, context)?;
        if left == Ok(or) {
            return Ok(Value::Bool(or));
        }
        match (left, self.truth(right, context)?) {
            (_, Ok(b)) if b == or => Ok(Value::Bool(or)),
            (Ok(_), Ok(b)) => Ok(Value::Bool(b)),
            (Err(error), _) | (_, Err(error)) => Err(error),
        }
    }

    /// Evaluates the operands, spends one step plus their sizes, then lets the interpreter apply
    /// the operation to them.
    fn apply(
        &mut self,
        operands: &[(String, Node)],
        twin: &IdedExpr,
        context: &Context,
    ) -> Result<Value, Stop> {
        let mut scope = context.new_inner_scope();
        let mut steps = 1;
        for (name, operand) in operands {
            let value = self.eval(operand, context)?;
            steps += size(&value, self.left);
            scope.add_variable_from_value(name.as_str(), value);
        }
        self.spend(steps)?;
        Value::resolve(twin, &scope).map_err(Stop::Cel)
    }

    /// Evaluates a boolean operand: the outer `Err` stops everything (the budget), the inner one
    /// may be absorbed by the other side of `&&` or `||`.
    fn truth(&mut self, node: &Node, context: &Context) -> Result<Result<bool, Stop>, Stop> {
        match self.eval(node, context) {
            Ok(Value::Bool(b)) => Ok(Ok(b)),
            Ok(_) => Ok(Err(Stop::Cel(ExecutionError::NoSuchOverload))),
            Err(Stop::Steps) => Err(Stop::Steps),
            Err(other) => Ok(Err(other)),
        }
    }

    /// A comprehension, in the interpreter's order: the accumulator's start, the range, then
    /// each item (a map's keys).
    fn iterate(&mut self, loop_: &Loop, context: &Context) -> Result<Value, Stop> {
        let init = self.eval(&loop_.init, context)?;
        let range = self.eval(&loop_.range, context)?;
        let items: Vec<Value> = match &range {
            Value::List(items) => items.iter().cloned().collect(),
            Value::Map(map) => map.map.keys().cloned().map(Value::from).collect(),
            other => return Err(Stop::NotIterable(type_name(other))),
        };
        let mut scope = context.new_inner_scope();
        scope.add_variable_from_value(loop_.accu_var, init);
        match &loop_.body {
            Body::General { cond, step } => {
                for item in items {
                    self.spend(1)?;
                    if !self.condition(cond, &scope)? {
                        break;
                    }
                    scope.add_variable_from_value(loop_.iter_var, item);
                    let accu = self.eval(step, &scope)?;
                    scope.add_variable_from_value(loop_.accu_var, accu);
                }
            }
            Body::Append {
                keep,
                item: element,
            } => {
                let mut built = Vec::new();
                for item in items {
                    self.spend(1)?;
                    scope.add_variable_from_value(loop_.iter_var, item);
                    if let Some(keep) = keep
                        && !self.condition(keep, &scope)?
                    {
                        continue;
                    }
                    built.push(self.eval(element, &scope)?);
                }
                scope.add_variable_from_value(loop_.accu_var, Value::List(Arc::new(built)));
            }
        }
        self.eval(&loop_.result, &scope)
    }

    /// A condition (of a loop, or of `c ? a : b`), which must be true or false.
    fn condition(&mut self, node: &Node, context: &Context) -> Result<bool, Stop> {
        match self.eval(node, context)? {
            Value::Bool(b) => Ok(b),
            _ => Err(Stop::Cel(ExecutionError::NoSuchOverload)),
        }
    }
}

/// The steps it takes to read `value`: one, plus one per item, entry or character of the lists,
/// maps and strings in it, counted without recursion and only up to just past `cap`.
fn size(value: &Value, cap: u64) -> u64 {
    let flat = |value: &Value| match value {
        Value::String(text) => text.len().max(1) as u64,
        Value::Bytes(bytes) => bytes.len().max(1) as u64,
        _ => 1,
    };
    if !matches!(value, Value::List(_) | Value::Map(_)) {
        return flat(value);
    }
    let mut pending = vec![value];
    let mut total: u64 = 0;
    while let Some(value) = pending.pop() {
        total += match value {
            Value::List(items) => {
                pending.extend(items.iter());
                1
            }
            Value::Map(map) => {
                pending.extend(map.map.values());
                1 + map.map.len() as u64
            }
            other => flat(other),
        };
        if total > cap {
            break;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::quietly;
    use cel::Program;

    fn depth_error(source: &str) -> Option<usize> {
        check_text(source).err().and_then(|(offset, _)| offset)
    }

    #[test]
    fn real_rules_pass_the_text_check() {
        for rule in [
            r#"revenue >= 10000 || "vip" in tags"#,
            r#"tags.exists(t, t.startsWith("export")) && size(tags) == 0"#,
            r#"name.matches("(?i)^atelier") && country in ["BE", "NL", "LU"]"#,
            r#"revenue / double(invoices) > 500 && custom.account_manager == "Lena""#,
        ] {
            assert_eq!(check_text(rule), Ok(()), "{rule}");
        }
        // `||` and `,` start afresh: long alternatives and lists are flat.
        let alternatives = vec!["id == \"a\""; 500].join(" || ");
        assert_eq!(check_text(&alternatives), Ok(()));
        let list = format!("id in [{}]", vec!["\"x\""; 1500].join(", "));
        assert_eq!(check_text(&list), Ok(()));
    }

    #[test]
    fn a_rule_too_long_or_too_deep_is_refused_before_compiling() {
        let long = format!("revenue > 1 || {}", vec!["true"; 2500].join(" || "));
        let (offset, message) = check_text(&long).unwrap_err();
        assert_eq!(offset, None);
        assert!(message.contains("more than the 10000 allowed"), "{message}");
        // The 65th `+` of a chain; the 65th bracket; a chain of fields, indexes, calls.
        let plus = vec!["1"; 100].join(" + ");
        assert_eq!(depth_error(&plus), Some(4 * 65 - 2));
        assert_eq!(
            depth_error(&format!("{}1{}", "(".repeat(70), ")".repeat(70))),
            Some(64)
        );
        assert!(depth_error(&format!("custom{}", ".a".repeat(100))).is_some());
        assert!(depth_error(&format!("tags{}", "[0]".repeat(100))).is_some());
        assert!(depth_error(&format!("name{}", ".trim()".repeat(100))).is_some());
        // A conditional nests what follows it, `&&` included.
        assert!(depth_error(&"a && b ? 1 : ".repeat(70)).is_some());
        // Strings and comments do not count.
        let quoted = format!("name == \"{}\" // {}", "((((".repeat(100), "((".repeat(100));
        assert_eq!(check_text(&quoted), Ok(()));
        // A raw string ends at its second quote: `\\` escapes nothing in it.
        assert!(depth_error(&format!("r\"\\\" + {}", "(".repeat(100))).is_some());
    }

    #[test]
    fn the_tree_check_refuses_messages_and_depth() {
        let program = Program::compile("Foo{} == 1").unwrap();
        assert_eq!(
            check_tree(program.expression()),
            Err(TreeProblem::Message("Foo".to_string()))
        );
        let program = Program::compile("tags.exists(t, t == 'x')").unwrap();
        assert_eq!(check_tree(program.expression()), Ok(()));
    }

    /// Compiles a rule on the rules' stack, as check_rule and compile_rules do.
    fn compiled(source: &str) -> Result<(), String> {
        on_rule_stack(|| {
            quietly(|| match Program::compile(source) {
                Ok(program) => check_tree(program.expression()).map_err(|p| p.message()),
                Err(errors) => Err(errors.to_string()),
            })
            .and_then(|checked| checked)
        })
        .and_then(|checked| checked)
    }

    #[test]
    fn the_rules_stack_holds_the_parser_on_the_deepest_texts() {
        // Texts the text check would refuse, given straight to the parser: every chain of the
        // longest rule allowed ends in a clean error, not in a stack overflow.
        let chains = [
            vec!["1"; MAX_CHARS / 2].join("+"),
            format!("x{}", ".a".repeat(MAX_CHARS / 2 - 1)),
            format!("x{}", "[0]".repeat(MAX_CHARS / 3 - 1)),
            format!("x{}", ".f()".repeat(MAX_CHARS / 4 - 1)),
            vec!["1"; MAX_CHARS / 2].join("<"),
            format!("{}1", "-1-".repeat(MAX_CHARS / 3 - 1)),
        ];
        for chain in chains {
            assert!(chain.chars().count() <= MAX_CHARS);
            assert!(compiled(&chain).is_err(), "{}", &chain[..20]);
        }
        // What the text check cannot see: CEL's lexer ends a string at an invalid escape
        // (`\q`), where folio's measure reads on; the chain after it still ends cleanly.
        let hidden = format!("\"\\q {}\"", "+1".repeat(MAX_CHARS / 2 - 4));
        assert_eq!(check_text(&hidden), Ok(()));
        assert!(compiled(&hidden).is_err());
    }

    #[test]
    fn the_rules_stack_holds_the_interpreter_on_the_deepest_tree() {
        // Trees just within MAX_TREE_DEPTH, which the text check would refuse: evaluated whole
        // by the interpreter, and walked by folio inside a loop.
        let chain = vec!["1"; MAX_TREE_DEPTH - 2].join(" + ");
        assert_eq!(compiled(&chain), Ok(()));
        assert_eq!(evaluate(&format!("{chain} > 0")), Ok(Value::Bool(true)));
        let walked = vec!["x"; MAX_TREE_DEPTH - 8].join(" + ");
        assert_eq!(
            evaluate(&format!("[1].exists(x, {walked} > 0)")),
            Ok(Value::Bool(true))
        );
        let deeper = vec!["1"; MAX_TREE_DEPTH + 1].join(" + ");
        assert_eq!(compiled(&deeper), Err(TreeProblem::TooDeep.message()));
    }

    fn evaluate(source: &str) -> Result<Value, Stop> {
        on_rule_stack(|| {
            quietly(|| {
                let program = Program::compile(source).unwrap();
                check_tree(program.expression()).unwrap();
                let mut context = root_context();
                context.add_variable_from_value(
                    "tags",
                    Value::List(Arc::new(vec![
                        Value::String(Arc::new("vip".to_string())),
                        Value::String(Arc::new("export".to_string())),
                    ])),
                );
                context.add_variable_from_value("name", Value::String(Arc::new("Acme".into())));
                Plan::new(program.expression()).evaluate(&context)
            })
            .unwrap()
        })
        .unwrap()
    }

    #[test]
    fn comprehensions_give_the_interpreters_results() {
        let t = |b| Ok(Value::Bool(b));
        assert_eq!(evaluate(r#"tags.exists(t, t.startsWith("ex"))"#), t(true));
        assert_eq!(evaluate(r#"tags.all(t, size(t) > 3)"#), t(false));
        assert_eq!(evaluate(r#"tags.exists_one(t, t == "vip")"#), t(true));
        assert_eq!(
            evaluate(r#"tags.map(t, t + "!") == ["vip!", "export!"]"#),
            t(true)
        );
        assert_eq!(
            evaluate(r#"tags.filter(t, t != "vip") == ["export"]"#),
            t(true)
        );
        assert_eq!(
            evaluate(r#"tags.map(t, t != "vip", size(t)) == [6]"#),
            t(true)
        );
        assert_eq!(
            evaluate(r#"{"a": 1, "b": 2}.all(k, k in ["a", "b"])"#),
            t(true)
        );
        assert_eq!(
            evaluate(r#"size(tags.filter(t, [1, 2].exists(n, n == size(t) - 4))) == 1"#),
            t(true)
        );
        assert_eq!(
            evaluate(r#"tags.exists(t, t == "vip") ? "yes" : "no""#),
            Ok(Value::String(Arc::new("yes".into())))
        );
        // Names a loop binds shadow the contact's.
        assert_eq!(evaluate(r#"tags.exists(name, name == "vip")"#), t(true));
    }

    #[test]
    fn a_loop_over_a_value_that_is_no_list_is_an_error_not_a_panic() {
        assert_eq!(
            evaluate("name.exists(c, true)"),
            Err(Stop::NotIterable("a string"))
        );
        assert_eq!(
            evaluate("(1).all(x, true)"),
            Err(Stop::NotIterable("an int"))
        );
        assert_eq!(
            evaluate("[1].exists(x, x.map(y, y) == [])"),
            Err(Stop::NotIterable("an int"))
        );
    }

    #[test]
    fn nested_loops_stop_at_the_step_budget() {
        let ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        let nested = format!(
            "{ten}.exists(a, {ten}.exists(b, {ten}.exists(c, {ten}.exists(d, {ten}.exists(e, false)))))"
        );
        assert_eq!(evaluate(&nested), Err(Stop::Steps));
        let growing =
            format!("size({ten}.map(a, {ten}.map(b, {ten}.map(c, {ten}.map(d, {ten}))))) > 0");
        assert_eq!(evaluate(&growing), Err(Stop::Steps));
        // Reading a long list counts its items: a scan in a loop is not one step.
        let scan =
            format!("{ten}.map(a, {ten}.map(b, {ten}.map(c, c))).exists(x, x.exists(y, y == [1]))");
        assert_eq!(evaluate(&scan), Ok(Value::Bool(false)));
        // `&&` and `||` never absorb the budget.
        assert_eq!(
            evaluate(&format!("true || {nested}")),
            Ok(Value::Bool(true))
        );
        assert_eq!(evaluate(&format!("{nested} || true")), Err(Stop::Steps));
        // A map over a long list is linear: it is appended to, not copied at every item.
        let long = format!("[{}]", vec!["1"; 5000].join(","));
        assert_eq!(
            evaluate(&format!("size({long}.map(x, x + 1)) == 5000")),
            Ok(Value::Bool(true))
        );
    }

    #[test]
    fn matches_compiles_each_pattern_once_per_thread_with_the_interpreters_results() {
        let results = on_rule_stack(|| {
            let program =
                Program::compile(r#"name.matches("(?i)^ac") && !name.matches("z+")"#).unwrap();
            let plan = Plan::new(program.expression());
            let mut context = root_context();
            context.add_variable_from_value("name", Value::String(Arc::new("Acme".into())));
            let results: Vec<_> = (0..3).map(|_| plan.evaluate(&context)).collect();
            (results, PATTERNS.with(|patterns| patterns.borrow().len()))
        })
        .unwrap();
        assert_eq!(results, (vec![Ok(Value::Bool(true)); 3], 2));
        let invalid = r#"name.matches("(")"#;
        let mut interpreter = Context::default();
        interpreter.add_variable_from_value("name", Value::String(Arc::new("Acme".into())));
        let expected = Program::compile(invalid).unwrap().execute(&interpreter);
        assert!(expected.is_err());
        assert_eq!(evaluate(invalid), expected.map_err(Stop::Cel));
    }

    #[test]
    fn sizes_count_items_and_characters() {
        let text = Value::String(Arc::new("abcd".into()));
        assert_eq!(size(&text, 100), 4);
        assert_eq!(size(&Value::Int(7), 100), 1);
        let list = Value::List(Arc::new(vec![
            text.clone(),
            Value::List(Arc::new(vec![text])),
        ]));
        assert_eq!(size(&list, 100), 1 + 4 + 1 + 4);
        assert!(size(&list, 2) <= 6);
    }
}
