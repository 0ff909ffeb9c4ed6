//! `folio completions SHELL`: a completion script for bash, zsh, fish or PowerShell, and the
//! hidden `folio __complete contacts|documents` that the scripts call to complete ids.

use crate::book;
use crate::cli::Context;
use crate::error::Result;
use clap_complete::Shell;
use std::io::Write;

/// Arguments of `folio completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Commands, subcommands, options and their values complete from the script alone. In bash, zsh and \
fish, contact ids (statement, --contact, ...) and document ids (explain, render, --ref, ...) \
complete from the book on the command line (--book, else $FOLIO_BOOK, else the current \
directory's) by calling `folio __complete`. Where to install each script: `folio help config`.\n\n\
Examples:\n  source <(folio completions bash)\n  folio completions zsh > _folio\n  \
folio completions fish > folio.fish")]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: ShellArg,
}

/// The shells folio writes completions for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShellArg {
    /// bash 4 or later, with bash-completion.
    Bash,
    /// zsh, with compinit.
    Zsh,
    /// fish.
    Fish,
    /// PowerShell (static completions only).
    Powershell,
}

/// Prints the script.
pub fn run(args: &Args, _context: &Context, out: &mut dyn Write) -> Result<()> {
    out.write_all(script(args.shell).as_bytes())?;
    Ok(())
}

/// The completion script for a shell.
pub fn script(shell: ShellArg) -> String {
    let mut command = crate::cli::command();
    command.build();
    let mut script = Vec::new();
    let generator = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
        ShellArg::Powershell => Shell::PowerShell,
    };
    clap_complete::generate(generator, &mut command, "folio", &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    let specs = specs(&command);
    match shell {
        ShellArg::Bash => script + &bash_ids(&specs),
        ShellArg::Zsh => zsh_ids(&script, &command),
        ShellArg::Fish => script + &fish_ids(&specs),
        ShellArg::Powershell => script,
    }
}

/// The kind of id an argument takes, found by the conventions of folio's commands: a value named
/// CONTACT or an argument `contact`, or help that says "The contact id" (contact show ...); a
/// value named DOC or an argument `document`, or `--ref`.
pub fn id_kind(arg: &clap::Arg) -> Option<Ids> {
    if !arg.get_action().takes_values() {
        return None;
    }
    let value_name = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map(|name| name.as_str());
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let help = help.trim_end_matches('.');
    let id = arg.get_id().as_str();
    if value_name == Some("CONTACT") || id == "contact" || help == "The contact id" {
        Some(Ids::Contacts)
    } else if value_name == Some("DOC") || id == "document" || arg.get_long() == Some("ref") {
        Some(Ids::Documents)
    } else {
        None
    }
}

/// What the completion scripts need to know about one command: its path below `folio`.
#[derive(Debug, Default)]
pub struct Spec {
    /// `credit check`; empty for folio itself.
    pub path: String,
    /// Its subcommands.
    pub subcommands: Vec<String>,
    /// Every option that takes a value (`--as-of`, `-o`), and the id kind of its value.
    pub value_options: Vec<(String, Option<Ids>)>,
    /// The id kind of each positional argument, in order.
    pub positionals: Vec<Option<Ids>>,
}

/// The specs of every command of a built command tree, folio's first.
pub fn specs(root: &clap::Command) -> Vec<Spec> {
    fn walk(command: &clap::Command, path: String, specs: &mut Vec<Spec>) {
        let mut spec = Spec {
            path: path.clone(),
            ..Spec::default()
        };
        for arg in command.get_arguments() {
            if arg.is_positional() {
                spec.positionals.push(id_kind(arg));
            } else if arg.get_action().takes_values() {
                let kind = id_kind(arg);
                for long in arg.get_long_and_visible_aliases().unwrap_or_default() {
                    spec.value_options.push((format!("--{long}"), kind));
                }
                for short in arg.get_short_and_visible_aliases().unwrap_or_default() {
                    spec.value_options.push((format!("-{short}"), kind));
                }
            }
        }
        let mut subs = Vec::new();
        for sub in command.get_subcommands() {
            spec.subcommands.push(sub.get_name().to_string());
            subs.push(sub);
        }
        specs.push(spec);
        for sub in subs {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, sub_path, specs);
        }
    }
    let mut specs = Vec::new();
    walk(root, String::new(), &mut specs);
    specs
}

fn kind_word(kind: Ids) -> &'static str {
    match kind {
        Ids::Contacts => "contacts",
        Ids::Documents => "documents",
    }
}

/// The bash part that completes ids: `_folio_ids` asks `folio __complete`, `_folio_spec` knows
/// each command's options and arguments, `_folio_dynamic` finds where the cursor is and falls
/// back to clap's `_folio` for everything else.
fn bash_ids(specs: &[Spec]) -> String {
    let mut cases = String::new();
    for spec in specs {
        let words = |kind: Option<Ids>| -> String {
            let list: Vec<&str> = spec
                .value_options
                .iter()
                .filter(|(_, k)| kind.is_none() || *k == kind)
                .map(|(name, _)| name.as_str())
                .collect();
            format!(" {} ", list.join(" "))
        };
        let positionals: Vec<&str> = spec
            .positionals
            .iter()
            .map(|kind| kind.map_or("-", kind_word))
            .collect();
        cases.push_str(&format!(
            "        \"{path}\")\n            _subs=\" {subs} \"\n            _vopts=\"{vopts}\"\n            _copts=\"{copts}\"\n            _dopts=\"{dopts}\"\n            _pkinds=({positionals})\n            ;;\n",
            path = spec.path,
            subs = spec.subcommands.join(" "),
            vopts = words(None),
            copts = words(Some(Ids::Contacts)),
            dopts = words(Some(Ids::Documents)),
            positionals = positionals.join(" "),
        ));
    }
    BASH_IDS.replace("@CASES@\n", &cases)
}

const BASH_IDS: &str = r#"
# Contact and document ids, from the book named on the command line (--book), else $FOLIO_BOOK,
# else the current directory's: `folio __complete contacts|documents`.
_folio_ids() {
    local book=() i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --book) book=(--book "${COMP_WORDS[i+1]}") ;;
            --book=*) book=(--book "${COMP_WORDS[i]#--book=}") ;;
        esac
    done
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "${book[@]}" __complete "$1" 2>/dev/null)" -- "$2"))
}

# What a command takes: its subcommands, its options with a value (and which of them take a
# contact or a document id), and the id kind of each positional argument (- for none).
_folio_spec() {
    case "$1" in
@CASES@
        *)
            _subs=" "
            _vopts=" "
            _copts=" "
            _dopts=" "
            _pkinds=()
            ;;
    esac
}

_folio_dynamic() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="" path="" i w npos=0 kind=""
    local _subs _vopts _copts _dopts _pkinds
    ((COMP_CWORD > 0)) && prev="${COMP_WORDS[COMP_CWORD-1]}"
    _folio_spec ""
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${COMP_WORDS[i]}"
        if [[ $w == -* ]]; then
            if [[ $w != *=* && $_vopts == *" $w "* ]]; then
                ((i++))
                [[ ${COMP_WORDS[i]} == "=" ]] && ((i++))
            fi
        elif ((npos == 0)) && [[ $_subs == *" $w "* ]]; then
            path="${path:+$path }$w"
            _folio_spec "$path"
        else
            ((npos++))
        fi
    done
    if [[ $cur != -* ]]; then
        [[ $prev == "=" ]] && ((COMP_CWORD > 1)) && prev="${COMP_WORDS[COMP_CWORD-2]}"
        if [[ $prev == -* && $_vopts == *" $prev "* ]]; then
            [[ $_copts == *" $prev "* ]] && kind=contacts
            [[ $_dopts == *" $prev "* ]] && kind=documents
        elif ((npos < ${#_pkinds[@]})) && [[ ${_pkinds[npos]} != - ]]; then
            kind="${_pkinds[npos]}"
        fi
    fi
    if [[ -n $kind ]]; then
        _folio_ids "$kind" "$cur"
        return 0
    fi
    _folio "$@"
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _folio_dynamic -o nosort -o bashdefault -o default folio
else
    complete -F _folio_dynamic -o bashdefault -o default folio
fi
"#;

/// Escapes help text as clap_complete's zsh generator does, to find its lines.
fn zsh_escape_help(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\'', "'\\''")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace(':', "\\:")
        .replace('$', "\\$")
        .replace('`', "\\`")
        .replace('\n', " ")
}

/// The zsh script with `_folio_contacts` or `_folio_documents` as the completer of every id
/// argument instead of `_default`, and the two functions defined.
fn zsh_ids(script: &str, root: &clap::Command) -> String {
    let mut targets: Vec<(String, Ids)> = Vec::new();
    fn walk(command: &clap::Command, targets: &mut Vec<(String, Ids)>) {
        for arg in command.get_arguments() {
            let Some(kind) = id_kind(arg) else { continue };
            if arg.is_positional() {
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                targets.push((
                    format!(":{} -- {}:_default'", arg.get_id(), zsh_escape_help(&help)),
                    kind,
                ));
            } else if let Some(long) = arg.get_long() {
                targets.push((format!("'--{long}=["), kind));
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, targets);
        }
    }
    walk(root, &mut targets);
    let mut out = String::with_capacity(script.len() + 1024);
    for line in script.split_inclusive('\n') {
        let kind = targets.iter().find_map(|(pattern, kind)| {
            let matches = if pattern.starts_with("'--") {
                line.starts_with(pattern.as_str())
            } else {
                line.contains(pattern.as_str())
            };
            (matches
                && line
                    .trim_end()
                    .trim_end_matches('\\')
                    .trim_end()
                    .ends_with(":_default'"))
            .then_some(*kind)
        });
        match kind {
            Some(kind) => {
                let at = line.rfind(":_default'").unwrap_or(line.len());
                out.push_str(&line[..at]);
                out.push_str(&format!(":_folio_{}'", kind_word(kind)));
                out.push_str(&line[at + ":_default'".len()..]);
            }
            None => out.push_str(line),
        }
    }
    // compdef files are autoloaded as the body of _folio: define the helpers at its top.
    let helpers = r#"
(( $+functions[_folio_ids] )) ||
_folio_ids() {
    local -a book ids
    local i
    for ((i = 2; i < CURRENT; i++)); do
        case "${words[i]}" in
            --book) book=(--book "${words[i+1]}") ;;
            --book=*) book=(--book "${words[i]#--book=}") ;;
        esac
    done
    ids=(${(f)"$(${words[1]} "${book[@]}" __complete $1 2>/dev/null)"})
    compadd -a ids
}
(( $+functions[_folio_contacts] )) ||
_folio_contacts() { _folio_ids contacts }
(( $+functions[_folio_documents] )) ||
_folio_documents() { _folio_ids documents }
"#;
    match out.find("\n_folio() {") {
        Some(at) => format!("{}{helpers}{}", &out[..at + 1], &out[at + 1..]),
        None => out + helpers,
    }
}

/// The fish part: `complete` lines for every id argument, calling `folio __complete`.
fn fish_ids(specs: &[Spec]) -> String {
    let mut out = String::from(
        "\n# Contact and document ids, from the book named on the command line, else $FOLIO_BOOK, else\n\
# the current directory's.\n\
function __fish_folio_ids\n    \
set -l book (commandline -opc | string match -r -- '^--book=.*' | string replace -- '--book=' '')\n    \
set -l words (commandline -opc)\n    \
if set -l i (contains -i -- --book $words)\n        \
set book $words[(math $i + 1)]\n    \
end\n    \
if test -n \"$book\"\n        \
folio --book $book __complete $argv[1] 2>/dev/null\n    \
else\n        \
folio __complete $argv[1] 2>/dev/null\n    \
end\n\
end\n",
    );
    for spec in specs.iter().filter(|s| !s.path.is_empty()) {
        let mut words = spec.path.split(' ');
        let first = words.next().unwrap_or_default();
        let mut condition = format!("__fish_folio_using_subcommand {first}");
        for word in words {
            condition.push_str(&format!("; and __fish_seen_subcommand_from {word}"));
        }
        for (name, kind) in &spec.value_options {
            let (Some(kind), Some(long)) = (kind, name.strip_prefix("--")) else {
                continue;
            };
            out.push_str(&format!(
                "complete -c folio -n \"{condition}\" -l {long} -x -a \"(__fish_folio_ids {})\"\n",
                kind_word(*kind)
            ));
        }
        if let Some(kind) = spec.positionals.iter().flatten().next()
            && spec.subcommands.is_empty()
        {
            out.push_str(&format!(
                "complete -c folio -n \"{condition}\" -f -a \"(__fish_folio_ids {})\"\n",
                kind_word(*kind)
            ));
        }
    }
    out
}

/// Arguments of the hidden `folio __complete`.
#[derive(Debug, clap::Args)]
pub struct CompleteArgs {
    /// What to list.
    #[arg(value_enum)]
    what: Ids,
}

/// The ids `folio __complete` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Ids {
    /// Contact ids.
    Contacts,
    /// Document ids: journal entries and quotes.
    Documents,
}

/// Lists ids, one a line. Never fails loudly: a shell completing in a folder without a book
/// simply gets nothing.
pub fn complete(
    args: &CompleteArgs,
    location: Option<&book::Location>,
    out: &mut dyn Write,
) -> Result<()> {
    let Some(location) = location else {
        return Ok(());
    };
    let Ok((book, _)) = crate::checks::load(location) else {
        return Ok(());
    };
    match args.what {
        Ids::Contacts => {
            for contact in &book.contacts {
                writeln!(out, "{}", contact.id)?;
            }
        }
        Ids::Documents => {
            for entry in &book.entries {
                writeln!(out, "{}", book.entry_id(entry))?;
            }
        }
    }
    Ok(())
}
