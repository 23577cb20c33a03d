//! One category grammar (`model::ids::is_category`) behind the three places
//! that read categories: the config, the Atom feed and `search`'s `cat:`.
//! The same table goes through all three, so none can drift from the others.

use papers::arxiv::atom::parse_feed;
use papers::config;
use papers::triage::search::query;

const VALID: &[&str] = &[
    "cs.AR",
    "cs",
    "hep-th",
    "astro-ph.CO",
    "q-bio.NC",
    "cond-mat.str-el",
    "physics.atom-ph",
    "math-ph",
    "stat.ML",
    "econ.EM",
];

/// Malformed ids the three readers once disagreed on (`cs-`, `cs.-`,
/// `q--bio` passed the config; `cs_AR` passed search), and ACM/MSC codes
/// the classic feed lists as categories.
const INVALID: &[&str] = &[
    "cs-", "cs.-", "q--bio", "cs_AR", "cs.", ".AI", "cs AI", "-cs", "cs.AI.x", "I.2.6", "68T05",
    "cs/AR",
];

fn config_accepts(category: &str) -> bool {
    let text =
        format!("[[topics]]\nname = \"t\"\nkeywords = [\"x\"]\ncategories = [\"{category}\"]\n");
    config::parse(&text, "config.toml").is_ok()
}

fn feed_keeps(category: &str) -> bool {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/2611.00001v1</id>
    <title>A paper</title>
    <summary>Text.</summary>
    <published>2026-11-02T10:00:00Z</published>
    <category term="{category}" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>"#
    );
    let feed = parse_feed(&xml).expect("the feed parses whatever its categories");
    feed.entries[0]
        .categories
        .iter()
        .any(|kept| kept == category)
}

fn search_accepts(category: &str) -> bool {
    query::parse(&format!("npu cat:\"{category}\"")).is_ok()
}

#[test]
fn config_feed_and_search_agree_on_every_category() {
    for category in VALID {
        assert!(config_accepts(category), "config refused {category}");
        assert!(feed_keeps(category), "feed dropped {category}");
        assert!(search_accepts(category), "search refused {category}");
    }
    for category in INVALID {
        assert!(!config_accepts(category), "config accepted {category:?}");
        assert!(!feed_keeps(category), "feed kept {category:?}");
        assert!(!search_accepts(category), "search accepted {category:?}");
    }
}
