//! `papers config` and config errors, end to end.

use crate::support::TestEnv;
use predicates::prelude::*;

#[test]
fn path_reports_the_source_in_precedence_order() {
    let env = TestEnv::new();
    // No $PAPERS_CONFIG and no user file: the embedded default.
    env.papers()
        .env_remove("PAPERS_CONFIG")
        .args(["config", "path"])
        .assert()
        .success()
        .stdout("built-in default\n")
        .stderr(predicate::str::contains("papers config init"));

    env.write_config("[[topics]]\nname = \"x\"\nkeywords = [\"x\"]\n");
    env.papers()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", env.config_path().display()));

    let other = env.dir.path().join("other.toml");
    std::fs::write(&other, "[[topics]]\nname = \"y\"\nkeywords = [\"y\"]\n").expect("write");
    env.papers()
        .args(["--config"])
        .arg(&other)
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", other.display()));
}

#[test]
fn init_writes_the_default_once_and_show_prints_it() {
    let env = TestEnv::new();
    let user_file = env.dir.path().join("xdg-config/papers/config.toml");
    env.papers()
        .env_remove("PAPERS_CONFIG")
        .args(["config", "init"])
        .assert()
        .success()
        .stdout(format!("{}\n", user_file.display()));
    let written = std::fs::read_to_string(&user_file).expect("user config written");
    assert!(written.contains("name = \"npu\""));

    // Now the user file is found without being named.
    env.papers()
        .env_remove("PAPERS_CONFIG")
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", user_file.display()));

    std::fs::write(
        &user_file,
        "# mine\n[[topics]]\nname = \"mine\"\nkeywords = [\"m\"]\n",
    )
    .expect("edit");
    env.papers()
        .env_remove("PAPERS_CONFIG")
        .args(["config", "init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert!(
        std::fs::read_to_string(&user_file)
            .expect("kept")
            .starts_with("# mine"),
        "not overwritten"
    );

    env.papers()
        .env_remove("PAPERS_CONFIG")
        .args(["config", "init", "--force"])
        .assert()
        .success();
    let shown = env
        .papers()
        .env_remove("PAPERS_CONFIG")
        .args(["config", "show"])
        .output()
        .expect("show");
    assert!(shown.status.success());
    let text = String::from_utf8(shown.stdout).expect("utf-8");
    let parsed: toml::Table = toml::from_str(&text).expect("config show prints valid TOML");
    assert!(
        parsed["arxiv"]["api_url"]
            .as_str()
            .expect("api_url")
            .contains("arxiv.org")
    );
    assert!(
        parsed["topics"]
            .as_array()
            .expect("topics")
            .iter()
            .any(|t| t["name"].as_str() == Some("npu"))
    );
}

#[test]
fn config_errors_name_the_file_line_and_key() {
    let env = TestEnv::new();
    let path = env.config_path().display().to_string();
    let cases: [(&str, &str, &str); 6] = [
        (
            "[arxiv]\ndelay_secs = 1.0\n[[topics]]\nname = \"a\"\nkeywords = [\"a\"]\n",
            ":2:",
            "delay_secs",
        ),
        (
            "[arxiv]\npage_size = \"many\"\n[[topics]]\nname = \"a\"\nkeywords = [\"a\"]\n",
            ":2:",
            "page_size",
        ),
        (
            "[[topics]]\nname = \"a\"\nkeywords = [\"a\"]\nkeyword = [\"b\"]\n",
            ":4:",
            "keyword",
        ),
        (
            "[[topics]]\nname = \"a\"\nkeywords = [\"a\"]\n[[topics]]\nname = \"a\"\nkeywords = [\"b\"]\n",
            ":5:",
            "duplicate",
        ),
        (
            "[[topics]]\nname = \"a\"\ntitle = \"nothing to search\"\n",
            ":1:",
            "keywords",
        ),
        ("[[topics]\nname = \"a\"\n", ":1:", ""),
    ];
    for (text, line, key) in cases {
        env.write_config(text);
        let output = env.papers().args(["list"]).output().expect("run");
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.contains(&format!("{path}{line}")),
            "{stderr} should name {path}{line}"
        );
        assert!(stderr.contains(key), "{stderr} should name {key}");
    }
    // A directory where the file should be.
    env.papers()
        .arg("--config")
        .arg(env.dir.path())
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            env.dir.path().display().to_string(),
        ));
}

#[test]
fn help_and_version_work() {
    let env = TestEnv::new();
    env.papers()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("fetch").and(predicate::str::contains("list")));
    env.papers()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("papers "));
}
