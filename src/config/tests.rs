//! Tests of config parsing, validation, errors and source resolution.

use std::time::Duration;

use super::*;
use crate::arxiv::query;

const ONE_TOPIC: &str = "[[topics]]\nname = \"npu\"\nkeywords = [\"NPU\"]\n";

fn error_of(text: &str) -> String {
    match parse(text, "config.toml") {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(err) => err.to_string(),
    }
}

fn topics_of(text: &str) -> Vec<Topic> {
    parse(text, "config.toml")
        .map(|(_, topics)| topics)
        .unwrap()
}

#[test]
fn default_config_parses_and_has_an_npu_topic() {
    let config = load_from(ConfigSource::Embedded).unwrap();
    assert!(config.topic("npu").is_some());
    assert_eq!(
        config.topic_names(),
        [
            "npu",
            "edge-inference",
            "mobile-llm",
            "llm-acceleration",
            "moe-inference",
            "speculative-decoding",
            "kv-cache"
        ]
    );
    assert_eq!(config.arxiv.delay, Duration::from_secs(3));
    assert_eq!(
        (config.arxiv.page_size, config.arxiv.max_results),
        (100, 200)
    );
    assert_eq!((config.arxiv.retries, config.arxiv.overlap_days), (4, 7));
    assert_eq!(config.arxiv.timeout, Duration::from_secs(30));
}

#[test]
fn default_raw_queries_are_single_line_and_balanced() {
    let config = load_from(ConfigSource::Embedded).unwrap();
    for topic in &config.topics {
        let search = query::search_query(topic);
        assert!(!search.contains('\n'), "{search}");
        assert_eq!(query::check_raw_query(&search), Ok(()), "{}", topic.name);
        assert!(
            !search.contains(" and ") && !search.contains(" or "),
            "{search}"
        );
    }
}

#[test]
fn to_toml_parses_back_to_the_same_config() {
    let config = load_from(ConfigSource::Embedded).unwrap();
    let shown = config.to_toml();
    let (arxiv, topics) = parse(&shown, "shown").unwrap();
    assert_eq!(topics, config.topics);
    assert_eq!(arxiv.user_agent, config.arxiv.user_agent);
    assert_eq!(
        (arxiv.delay, arxiv.timeout),
        (config.arxiv.delay, config.arxiv.timeout)
    );
    for key in [
        "api_url",
        "delay_secs",
        "page_size",
        "max_results",
        "timeout_secs",
        "retries",
        "overlap_days",
        "stale_days",
        "user_agent",
    ] {
        assert!(
            shown.contains(&format!("\n{key} = ")),
            "{key} missing from:\n{shown}"
        );
    }
}

#[test]
fn arxiv_section_is_optional() {
    let (arxiv, topics) = parse(ONE_TOPIC, "config.toml").unwrap();
    assert_eq!(arxiv.api_url, "https://export.arxiv.org/api/query");
    assert_eq!(arxiv.page_size, 100);
    assert!(
        arxiv
            .user_agent
            .starts_with(&format!("papers/{} (", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(topics[0].title, "npu");
    assert_eq!(topics[0].query, None);
}

#[test]
fn malformed_toml_gives_toml_message_on_one_line_with_position() {
    let text = "[[topics]]\nname = \"npu\nkeywords = [\"NPU\"]\n";
    assert_eq!(
        error_of(text),
        "config.toml:2:12: invalid basic string, expected `\"`"
    );
    assert_eq!(
        error_of("[arxiv\n"),
        "config.toml:1:7: unclosed table, expected `]`"
    );
}

#[test]
fn duplicate_key_is_named() {
    let text = format!("{ONE_TOPIC}[arxiv]\nretries = 1\nretries = 2\n");
    assert_eq!(error_of(&text), "config.toml:6:1: duplicate key `retries`");
}

#[test]
fn unknown_key_in_a_topic_names_the_section_and_valid_keys() {
    let text = format!("{ONE_TOPIC}\n[[topics]]\nname = \"edge\"\nkeyword = [\"edge\"]\n");
    assert_eq!(
        error_of(&text),
        "config.toml:7:1: unknown key `keyword` in [[topics]] (expected one of: name, title, keywords, categories, authors, exclude, query, search_query)"
    );
}

#[test]
fn unknown_key_in_arxiv_and_at_top_level() {
    let arxiv = format!("[arxiv]\ndelay = 3\n{ONE_TOPIC}");
    let err = error_of(&arxiv);
    assert!(
        err.starts_with(
            "config.toml:2:1: unknown key `delay` in [arxiv] (expected one of: api_url, delay_secs,"
        ),
        "{err}"
    );
    assert_eq!(
        error_of(&format!("topic = 1\n{ONE_TOPIC}")),
        "config.toml:1:1: unknown key `topic` in the top level (expected one of: arxiv, huggingface, display, topics)"
    );
}

#[test]
fn wrong_type_names_the_key() {
    let text = "[arxiv]\napi_url = \"https://export.arxiv.org/api/query\"\ndelay_secs = 3.0\ntimeout_secs = 30\npage_size = \"100\"\n";
    assert_eq!(
        error_of(&format!("{text}{ONE_TOPIC}")),
        "config.toml:5:13: arxiv.page_size: invalid type: string \"100\", expected u32"
    );
}

#[test]
fn wrong_type_inside_an_array_gives_the_index() {
    let text = format!("{ONE_TOPIC}[[topics]]\nname = \"b\"\nkeywords = [\"x\", 3]\n");
    assert_eq!(
        error_of(&text),
        "config.toml:6:18: topics[1].keywords[1]: invalid type: integer `3`, expected a string"
    );
}

#[test]
fn topic_with_nothing_to_search_points_at_the_topic() {
    let text = format!("{ONE_TOPIC}\n[[topics]]\nname = \"empty\"\ncategories = [\"cs.AR\"]\n");
    assert_eq!(
        error_of(&text),
        "config.toml:5:1: topics[1]: topic \"empty\" has nothing to search: give keywords, authors or a query"
    );
}

#[test]
fn authors_alone_are_enough() {
    let topics = topics_of("[[topics]]\nname = \"han\"\nauthors = [\"Song Han\"]\n");
    assert_eq!(topics[0].authors, ["Song Han"]);
}

#[test]
fn duplicate_topic_names_point_at_the_second_and_mention_the_first() {
    let mut text = String::from("[arxiv]\nretries = 4\n");
    text.push_str(ONE_TOPIC); // name on line 4
    text.push_str("title = \"NPUs\"\ncategories = [\"cs.AR\"]\nauthors = []\nexclude = []\n\n");
    text.push_str("[[topics]]\nname = \"edge\"\nkeywords = [\"edge\"]\n");
    text.push_str("[[topics]]\nname = \"npu\"\nkeywords = [\"again\"]\n"); // name on line 15
    assert_eq!(
        error_of(&text),
        "config.toml:15:1: topics[2].name: duplicate topic name \"npu\" (first at line 4)"
    );
    let inline = "topics = [\n  { title = \"name\", name = \"a\", keywords = [\"x\"] },\n  { name = \"a\", keywords = [\"y\"] },\n]\n";
    assert_eq!(
        error_of(inline),
        "config.toml:3:5: topics[1].name: duplicate topic name \"a\" (first at line 2)"
    );
}

#[test]
fn empty_invalid_and_missing_topic_names() {
    assert_eq!(
        error_of("[[topics]]\nname = \"\"\nkeywords = [\"x\"]\n"),
        "config.toml:2:8: topics[0].name: is empty"
    );
    assert_eq!(
        error_of("[[topics]]\nname = \"Edge AI\"\nkeywords = [\"x\"]\n"),
        "config.toml:2:8: topics[0].name: \"Edge AI\" must be lowercase letters, digits, '-' and '_', starting with a letter or digit"
    );
    let leading_dash = error_of("[[topics]]\nname = \"-x\"\nkeywords = [\"x\"]\n");
    assert!(
        leading_dash.starts_with("config.toml:2:8: topics[0].name: \"-x\" must be"),
        "{leading_dash}"
    );
    assert_eq!(
        error_of("[[topics]]\nkeywords = [\"x\"]\n"),
        "config.toml:1:1: topics[0]: missing `name`"
    );
}

#[test]
fn blank_keywords_authors_and_exclusions_are_refused() {
    let text = "[[topics]]\nname = \"a\"\nkeywords = [\"NPU\", \"  \"]\n";
    assert_eq!(
        error_of(text),
        "config.toml:3:20: topics[0].keywords[1]: is blank"
    );
    let quotes_only = "[[topics]]\nname = \"a\"\nkeywords = [\"NPU\"]\nexclude = ['\"']\n";
    assert_eq!(
        error_of(quotes_only),
        "config.toml:4:12: topics[0].exclude[0]: is blank"
    );
    let author = "[[topics]]\nname = \"a\"\nauthors = [\"\"]\n";
    assert_eq!(
        error_of(author),
        "config.toml:3:12: topics[0].authors[0]: is blank"
    );
}

#[test]
fn keywords_are_cleaned_for_quoting() {
    let topics = topics_of("[[topics]]\nname = \"a\"\nkeywords = ['the \"fast\"  path ']\n");
    assert_eq!(topics[0].keywords, ["the fast path"]);
}

#[test]
fn invalid_category_is_refused() {
    let text =
        "[[topics]]\nname = \"a\"\nkeywords = [\"x\"]\ncategories = [\"cs.AR\", \"cs AR\"]\n";
    assert_eq!(
        error_of(text),
        "config.toml:4:24: topics[0].categories[1]: \"cs AR\" is not an arXiv category id like cs.AR or hep-th"
    );
}

#[test]
fn short_delay_is_refused_for_arxiv_hosts_only() {
    let text = format!(
        "[arxiv]\napi_url = \"https://export.arxiv.org/api/query\"\nretries = 4\ndelay_secs = 1.0\n{ONE_TOPIC}"
    );
    assert_eq!(
        error_of(&text),
        "config.toml:4:14: arxiv.delay_secs: 1.0 is below 3 seconds, the minimum arXiv allows for export.arxiv.org"
    );
    let default_host = error_of(&format!("[arxiv]\ndelay_secs = 2\n{ONE_TOPIC}"));
    assert!(
        default_host
            .ends_with("2.0 is below 3 seconds, the minimum arXiv allows for export.arxiv.org"),
        "{default_host}"
    );
    let bare = error_of(&format!(
        "[arxiv]\napi_url = \"http://ARXIV.org/api/query\"\ndelay_secs = 0\n{ONE_TOPIC}"
    ));
    assert!(
        bare.starts_with("config.toml:3:14: arxiv.delay_secs: 0.0 is below 3 seconds")
            && bare.ends_with("arxiv.org"),
        "{bare}"
    );

    let local = format!(
        "[arxiv]\napi_url = \"http://127.0.0.1:8080/api/query\"\ndelay_secs = 0.0\n{ONE_TOPIC}"
    );
    let (arxiv, _) = parse(&local, "config.toml").unwrap();
    assert_eq!(arxiv.delay, Duration::ZERO);
    let lookalike =
        format!("[arxiv]\napi_url = \"http://notarxiv.org/q\"\ndelay_secs = 0.5\n{ONE_TOPIC}");
    assert_eq!(
        parse(&lookalike, "config.toml").unwrap().0.delay,
        Duration::from_millis(500)
    );
}

#[test]
fn delay_must_be_finite_and_not_negative() {
    let local = |value: &str| {
        format!("[arxiv]\napi_url = \"http://127.0.0.1/q\"\ndelay_secs = {value}\n{ONE_TOPIC}")
    };
    assert_eq!(
        error_of(&local("-1.0")),
        "config.toml:3:14: arxiv.delay_secs: -1.0 must be a number of seconds from 0.0 to 3600.0"
    );
    assert!(error_of(&local("nan")).starts_with("config.toml:3:14: arxiv.delay_secs: NaN must be"));
    assert!(error_of(&local("inf")).starts_with("config.toml:3:14: arxiv.delay_secs: inf must be"));
}

#[test]
fn numeric_ranges_are_enforced() {
    let arxiv = |line: &str| error_of(&format!("[arxiv]\n{line}\n{ONE_TOPIC}"));
    assert_eq!(
        arxiv("page_size = 0"),
        "config.toml:2:13: arxiv.page_size: 0 is outside 1..=2000"
    );
    assert_eq!(
        arxiv("page_size = 2001"),
        "config.toml:2:13: arxiv.page_size: 2001 is outside 1..=2000"
    );
    assert_eq!(
        arxiv("max_results = 10001"),
        "config.toml:2:15: arxiv.max_results: 10001 is outside 1..=10000"
    );
    assert_eq!(
        arxiv("max_results = 0"),
        "config.toml:2:15: arxiv.max_results: 0 is outside 1..=10000"
    );
    assert_eq!(
        arxiv("retries = 11"),
        "config.toml:2:11: arxiv.retries: 11 is outside 0..=10"
    );
    assert_eq!(
        arxiv("overlap_days = 400"),
        "config.toml:2:16: arxiv.overlap_days: 400 is outside 0..=365"
    );
    assert_eq!(
        arxiv("stale_days = 0"),
        "config.toml:2:14: arxiv.stale_days: 0 is outside 1..=365"
    );
    assert_eq!(
        arxiv("timeout_secs = 0"),
        "config.toml:2:16: arxiv.timeout_secs: 0.0 must be more than 0"
    );
    assert_eq!(
        arxiv("timeout_secs = -5"),
        "config.toml:2:16: arxiv.timeout_secs: -5.0 must be more than 0"
    );
    assert_eq!(
        arxiv("page_size = -1"),
        "config.toml:2:13: arxiv.page_size: invalid value: integer `-1`, expected u32"
    );
}

#[test]
fn numeric_limits_are_inclusive() {
    let text = format!(
        "[arxiv]\npage_size = 2000\nmax_results = 10000\nretries = 10\ntimeout_secs = 0.5\n{ONE_TOPIC}"
    );
    let (arxiv, _) = parse(&text, "config.toml").unwrap();
    assert_eq!(
        (arxiv.page_size, arxiv.max_results, arxiv.retries),
        (2000, 10000, 10)
    );
    assert_eq!(arxiv.timeout, Duration::from_millis(500));
}

#[test]
fn api_url_must_be_http() {
    let arxiv = |url: &str| error_of(&format!("[arxiv]\napi_url = \"{url}\"\n{ONE_TOPIC}"));
    assert_eq!(
        arxiv("ftp://export.arxiv.org/api"),
        "config.toml:2:11: arxiv.api_url: \"ftp://export.arxiv.org/api\" is not an http(s) URL"
    );
    assert_eq!(
        arxiv("export.arxiv.org/api/query"),
        "config.toml:2:11: arxiv.api_url: \"export.arxiv.org/api/query\" is not an http(s) URL"
    );
}

#[test]
fn user_agent_must_be_a_valid_header() {
    let text = format!("[arxiv]\nuser_agent = \"bad\\nagent\"\n{ONE_TOPIC}");
    assert_eq!(
        error_of(&text),
        "config.toml:2:14: arxiv.user_agent: must be non-empty printable ASCII (it is sent as an HTTP header)"
    );
}

#[test]
fn raw_query_is_checked_and_normalised() {
    let bad = "[[topics]]\nname = \"raw\"\nquery = '(abs:LLM AND cat:cs.AR'\n";
    assert_eq!(
        error_of(bad),
        "config.toml:3:9: topics[0].query: 1 unclosed '('"
    );
    let multi_line = "[[topics]]\nname = \"raw\"\nquery = '''\n(abs:LLM\n AND cat:cs.AR)\n'''\n";
    assert_eq!(
        topics_of(multi_line)[0].query.as_deref(),
        Some("(abs:LLM AND cat:cs.AR)")
    );
}

#[test]
fn raw_query_with_keywords_is_refused() {
    let text = "[[topics]]\nname = \"raw\"\nkeywords = [\"x\"]\nquery = 'abs:LLM'\n";
    assert_eq!(
        error_of(text),
        "config.toml:4:9: topics[0].query: replaces keywords, authors, categories and exclude, so leave those out"
    );
}

#[test]
fn no_topics_is_an_error() {
    assert_eq!(
        error_of("[arxiv]\nretries = 1\n"),
        "config.toml: no topics: add at least one [[topics]] table"
    );
    assert_eq!(
        error_of("topics = []\n"),
        "config.toml: no topics: add at least one [[topics]] table"
    );
}

#[test]
fn inline_topic_tables_work_and_errors_find_them() {
    let text = "topics = [\n  { name = \"a\", keywords = [\"x\"] },\n  { name = \"b\", keyword = [\"y\"] },\n]\n";
    let err = error_of(text);
    assert!(
        err.starts_with("config.toml:3:17: unknown key `keyword` in [[topics]]"),
        "{err}"
    );
}

#[test]
fn position_counts_characters_and_clamps() {
    let text = "é = 1\nab";
    assert_eq!(
        Position::of_offset(text, 0),
        Position { line: 1, column: 1 }
    );
    assert_eq!(
        Position::of_offset(text, 2),
        Position { line: 1, column: 2 }
    );
    assert_eq!(
        Position::of_offset(text, 1),
        Position { line: 1, column: 1 }
    );
    assert_eq!(
        Position::of_offset(text, 99),
        Position { line: 2, column: 3 }
    );
}

#[test]
fn source_precedence() {
    let user = Some(PathBuf::from("/home/u/.config/papers/config.toml"));
    let flag = Path::new("flag.toml");
    let env = OsStr::new("env.toml");
    assert_eq!(
        resolve_source(Some(flag), Some(env), user.clone(), true),
        ConfigSource::Flag(flag.into())
    );
    assert_eq!(
        resolve_source(None, Some(env), user.clone(), true),
        ConfigSource::Env("env.toml".into())
    );
    assert_eq!(
        resolve_source(None, Some(OsStr::new("")), user.clone(), true),
        ConfigSource::UserFile("/home/u/.config/papers/config.toml".into())
    );
    assert_eq!(
        resolve_source(None, None, user, false),
        ConfigSource::Embedded
    );
    assert_eq!(
        resolve_source(None, None, None, true),
        ConfigSource::Embedded
    );
}

#[test]
fn source_display_says_how_it_was_chosen() {
    assert_eq!(
        ConfigSource::Flag("a.toml".into()).to_string(),
        "a.toml (--config)"
    );
    assert_eq!(
        ConfigSource::Env("b.toml".into()).to_string(),
        "b.toml ($PAPERS_CONFIG)"
    );
    assert_eq!(
        ConfigSource::UserFile("c.toml".into()).to_string(),
        "c.toml (user config file)"
    );
    assert_eq!(
        ConfigSource::Embedded.to_string(),
        "built-in default (config/default.toml)"
    );
    assert_eq!(ConfigSource::Embedded.path(), None);
    assert_eq!(
        ConfigSource::Env("b.toml".into()).path(),
        Some(Path::new("b.toml"))
    );
}

#[test]
fn user_config_path_ends_in_papers_config_toml() {
    if let Some(path) = user_config_path() {
        assert!(path.ends_with("papers/config.toml"), "{}", path.display());
    }
}

#[test]
fn file_problems_are_config_errors_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    let err = load(Some(&missing)).unwrap_err();
    assert!(err.downcast_ref::<ConfigError>().is_some());
    assert_eq!(
        err.to_string(),
        format!("{}: file not found (given by --config)", missing.display())
    );

    let from_env = load_from(ConfigSource::Env(missing.clone())).unwrap_err();
    assert!(
        from_env
            .to_string()
            .ends_with("file not found (given by $PAPERS_CONFIG)"),
        "{from_env}"
    );

    let as_dir = load_from(ConfigSource::Flag(dir.path().to_path_buf())).unwrap_err();
    assert_eq!(
        as_dir.to_string(),
        format!(
            "{}: is a directory, not a config file",
            dir.path().display()
        )
    );

    let latin1 = dir.path().join("latin1.toml");
    fs::write(&latin1, b"[[topics]]\nname = \"caf\xe9\"\n").unwrap();
    let not_utf8 = load_from(ConfigSource::Flag(latin1.clone())).unwrap_err();
    assert_eq!(
        not_utf8.to_string(),
        format!("{}:2:12: not UTF-8 text", latin1.display())
    );
}

#[test]
fn load_reads_the_given_file_and_reports_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, format!("{ONE_TOPIC}[arxiv]\npage_size = 5000\n")).unwrap();
    let err = load(Some(&path)).unwrap_err();
    let config_error = err.downcast_ref::<ConfigError>().unwrap();
    assert_eq!(
        config_error.position(),
        Some(Position {
            line: 5,
            column: 13
        })
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{}:5:13: arxiv.page_size: 5000 is outside 1..=2000",
            path.display()
        )
    );

    fs::write(&path, ONE_TOPIC).unwrap();
    let config = load(Some(&path)).unwrap();
    assert_eq!(config.source, ConfigSource::Flag(path.clone()));
    assert_eq!(config.topic_names(), ["npu"]);
}

#[test]
fn select_topics_resolves_names() {
    let config = load_from(ConfigSource::Embedded).unwrap();
    assert_eq!(
        config.select_topics(&[]).unwrap().len(),
        config.topics.len()
    );
    let chosen = config
        .select_topics(&["moe-inference".into(), "npu".into(), "npu".into()])
        .unwrap();
    let names: Vec<&str> = chosen.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["moe-inference", "npu"]);
    let err = config.select_topics(&["foo".into()]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown topic \"foo\" (configured: npu, edge-inference, mobile-llm, llm-acceleration, moe-inference, speculative-decoding, kv-cache)"
    );
}

#[test]
fn shown_search_query_reads_back_only_unchanged() {
    let same = format!("{ONE_TOPIC}search_query = '(ti:\"NPU\" OR abs:\"NPU\")'\n");
    assert!(parse(&same, "config.toml").is_ok());
    let edited = format!("{ONE_TOPIC}search_query = 'abs:GPU'\n");
    assert_eq!(
        error_of(&edited),
        "config.toml:4:16: topics[0].search_query: is what `papers config show` prints, not a setting: change `query` or `keywords` instead"
    );
}

#[test]
fn try_flags_share_the_config_rules() {
    assert_eq!(check_phrase("  \"\" "), Err("is blank".to_string()));
    assert_eq!(
        check_phrase(" on-device\n LLM "),
        Ok("on-device LLM".to_string())
    );
    assert_eq!(check_category(" cs.AR "), Ok("cs.AR".to_string()));
    assert_eq!(
        check_category("CS.AR"),
        Err("\"CS.AR\" is not an arXiv category id like cs.AR or hep-th".to_string())
    );
    assert_eq!(check_query("(abs:a"), Err("1 unclosed '('".to_string()));
    assert_eq!(
        check_query(" abs:a\n OR abs:b "),
        Ok("abs:a OR abs:b".to_string())
    );
}

#[test]
fn display_pager_defaults_on_and_can_be_turned_off() {
    let topic = "[[topics]]\nname = \"a\"\nkeywords = [\"x\"]\n";
    assert!(parse_all(topic, "c.toml").unwrap().display.pager);
    let off = format!("[display]\npager = false\n{topic}");
    assert!(!parse_all(&off, "c.toml").unwrap().display.pager);
    let typo = format!("[display]\npagr = false\n{topic}");
    let err = parse_all(&typo, "c.toml")
        .err()
        .expect("unknown key")
        .to_string();
    assert!(
        err.starts_with("c.toml:2:1:") && err.contains("pagr"),
        "{err}"
    );
}

fn hf_of(text: &str) -> HfSettings {
    parse_all(text, "config.toml").unwrap().huggingface
}

#[test]
fn huggingface_is_on_by_default_with_its_own_pacing() {
    let hf = hf_of(ONE_TOPIC);
    assert!(hf.enabled);
    assert_eq!(hf.api_url, "https://huggingface.co/api");
    assert_eq!(hf.delay, Duration::from_secs(1));
    let embedded = load_from(ConfigSource::Embedded).unwrap();
    assert!(embedded.huggingface.enabled);
    let shown = embedded.to_toml();
    assert!(
        shown.contains("[huggingface]\nenabled = true\napi_url = \"https://huggingface.co/api\"\ndelay_secs = 1.0\n"),
        "{shown}"
    );
    let off = hf_of(&format!("[huggingface]\nenabled = false\n{ONE_TOPIC}"));
    assert!(!off.enabled);
}

#[test]
fn huggingface_keys_are_validated_with_their_place() {
    assert_eq!(
        error_of(&format!("[huggingface]\ndelay_secs = 0.5\n{ONE_TOPIC}")),
        "config.toml:2:14: huggingface.delay_secs: 0.5 is below 1 second, the minimum papers keeps for huggingface.co"
    );
    let local = hf_of(&format!(
        "[huggingface]\napi_url = \"http://127.0.0.1:9/api\"\ndelay_secs = 0\n{ONE_TOPIC}"
    ));
    assert_eq!(
        local.delay,
        Duration::ZERO,
        "the floor is for the Hub's hosts only"
    );
    assert_eq!(
        error_of(&format!(
            "[huggingface]\napi_url = \"ftp://x\"\n{ONE_TOPIC}"
        )),
        "config.toml:2:11: huggingface.api_url: \"ftp://x\" is not an http(s) URL"
    );
    assert_eq!(
        error_of(&format!("[huggingface]\nretries = 11\n{ONE_TOPIC}")),
        "config.toml:2:11: huggingface.retries: 11 is outside 0..=10"
    );
    let unknown = error_of(&format!("[huggingface]\ntoken = \"x\"\n{ONE_TOPIC}"));
    assert!(
        unknown.starts_with("config.toml:2:1: unknown key `token` in [huggingface]"),
        "{unknown}"
    );
    let typed = error_of(&format!("[huggingface]\nenabled = \"yes\"\n{ONE_TOPIC}"));
    assert!(
        typed.starts_with("config.toml:2:11: huggingface.enabled"),
        "{typed}"
    );
}
