//! `papers` at home in a shell: usage errors that list the valid values, a
//! bare `papers` that says where to start, options anywhere, `--format atom`,
//! `papers open`, topic completion, the pager and links.

use crate::support::TestEnv;

#[test]
fn a_bad_value_lists_the_possible_values_on_one_line() {
    let env = TestEnv::new();
    let output = env
        .papers()
        .args(["list", "--sort", "nope"])
        .output()
        .expect("run papers");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "papers: error: invalid value 'nope' for '--sort <SORT>' \
         (possible values: date, updated, title, score); see `papers --help`\n"
    );
}

#[test]
fn bare_papers_prints_the_short_help_and_where_to_start() {
    let env = TestEnv::new();
    let output = env.papers().output().expect("run papers");
    assert_eq!(
        output.status.code(),
        Some(2),
        "a usage error, as clap has it"
    );
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Usage: papers [OPTIONS] <COMMAND>"),
        "{stderr}"
    );
    assert!(stderr.contains("Start with `papers fetch`"), "{stderr}");
}

#[test]
fn man_is_listed_in_the_help() {
    let env = TestEnv::new();
    let output = env.papers().arg("--help").output().expect("run papers");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout
            .lines()
            .any(|line| line.trim_start().starts_with("man ")),
        "{stdout}"
    );
}
