//! The completion scripts and man page committed under `completions/` must
//! be exactly what the binary prints, so packagers can ship them as they
//! are. After changing the CLI, regenerate them with
//! `UPDATE_COMPLETIONS=1 cargo test --test it completions`.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use clap::ValueEnum as _;
use clap_complete::{Generator as _, Shell};
use papers::commands::completions::{
    BIN_NAME, man_page_name, man_page_paths, write_completion, write_man_page,
};

const UPDATE_VAR: &str = "UPDATE_COMPLETIONS";

fn completions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("completions")
}

/// stdout of `papers <args>`, with none of the user's environment.
fn papers_stdout(args: &[&str]) -> Vec<u8> {
    let output = Command::cargo_bin("papers")
        .expect("papers binary")
        .env_clear()
        .args(args)
        .output()
        .expect("run papers");
    assert!(
        output.status.success(),
        "papers {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "papers {args:?} wrote to stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Compares `committed` with `generated`, or rewrites it when
/// UPDATE_COMPLETIONS is set.
fn check_committed(file_name: &str, generated: &[u8]) {
    let path = completions_dir().join(file_name);
    if std::env::var_os(UPDATE_VAR).is_some() {
        std::fs::write(&path, generated)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "completions/{file_name} is out of date with the CLI ({} bytes committed, {} generated); \
         regenerate with `{UPDATE_VAR}=1 cargo test --test it completions` and commit the result",
        committed.len(),
        generated.len(),
    );
}

#[test]
fn committed_completion_scripts_match_the_binary() {
    let shells = Shell::value_variants();
    assert_eq!(
        shells.len(),
        5,
        "a new shell needs a committed script and a README entry"
    );
    for shell in shells {
        let from_binary = papers_stdout(&["completions", &shell.to_string()]);
        let mut from_library = Vec::new();
        write_completion(*shell, &mut from_library).expect("generate into memory");
        assert!(
            from_binary == from_library,
            "`papers completions {shell}` differs from write_completion"
        );
        assert!(
            String::from_utf8_lossy(&from_binary).contains("max-per-topic"),
            "{shell} script does not complete export's flags"
        );
        check_committed(&shell.file_name(BIN_NAME), &from_binary);
    }
}

#[test]
fn committed_file_names_are_the_documented_ones() {
    let names: Vec<String> = Shell::value_variants()
        .iter()
        .map(|shell| shell.file_name(BIN_NAME))
        .collect();
    assert_eq!(
        names,
        [
            "papers.bash",
            "papers.elv",
            "papers.fish",
            "_papers.ps1",
            "_papers"
        ]
    );
    let readme = std::fs::read_to_string(completions_dir().join("README.md"))
        .expect("completions/README.md");
    for name in names
        .iter()
        .map(String::as_str)
        .chain(["papers.1", "papers-<command>.1"])
    {
        assert!(
            readme.contains(name),
            "completions/README.md does not mention {name}"
        );
    }
}

#[test]
fn committed_man_pages_match_the_binary() {
    let paths = man_page_paths();
    assert!(
        paths.len() >= 8,
        "papers and each command get a page: {paths:?}"
    );
    for path in &paths {
        let mut args = vec!["man"];
        args.extend(path.iter().map(String::as_str));
        let from_binary = papers_stdout(&args);
        let mut from_library = Vec::new();
        write_man_page(path, &mut from_library).expect("render into memory");
        assert!(
            from_binary == from_library,
            "`papers {}` differs from write_man_page",
            args.join(" ")
        );
        let name = man_page_name(path);
        let text = String::from_utf8_lossy(&from_binary);
        assert!(text.starts_with(".ie \\n(.g"), "not roff: {text:.80}");
        assert!(
            text.contains(&format!(".TH {name} 1")),
            "no title line in {name}: {text:.200}"
        );
        check_committed(&format!("{name}.1"), &from_binary);
    }
    // Every page the top-level page refers to exists.
    let top = String::from_utf8_lossy(&papers_stdout(&["man"])).into_owned();
    for path in paths.iter().filter(|path| path.len() == 1) {
        let reference = format!("{}(1)", man_page_name(path).replace('-', "\\-"));
        assert!(
            top.contains(&reference),
            "papers.1 does not refer to {reference}"
        );
    }
}

#[test]
fn bash_script_is_valid_bash() {
    let script = completions_dir().join("papers.bash");
    let Ok(status) = StdCommand::new("bash").arg("-n").arg(&script).status() else {
        eprintln!("bash not found; skipping the syntax check");
        return;
    };
    assert!(status.success(), "bash -n {} failed", script.display());
}

#[test]
fn unknown_shell_is_a_usage_error() {
    Command::cargo_bin("papers")
        .expect("papers binary")
        .env_clear()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("tcsh"));
}

/// Doc comments written for developers (`crate::…` links, notes on the
/// caller) once leaked into `--help` through clap; help is for readers.
#[test]
fn help_and_man_pages_carry_no_developer_notes() {
    for entry in std::fs::read_dir(completions_dir()).expect("completions dir") {
        let path = entry.expect("dir entry").path();
        let text = std::fs::read_to_string(&path).expect("read completion file");
        assert!(
            !text.contains("crate::"),
            "{} mentions crate:: paths",
            path.display()
        );
    }
}
