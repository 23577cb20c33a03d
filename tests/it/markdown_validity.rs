//! The Markdown `papers export` and `papers list --format markdown` print
//! must survive a real CommonMark/GFM parser with hostile paper text: every
//! table keeps its shape, no abstract escapes its `<details>`, and every
//! `#anchor` on the export page leads to a heading.

use std::collections::HashMap;

use crate::support::{ArxivStub, Reply, StubEntry, TestEnv, feed};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const DATE: &str = "2026-02-07";
const COLUMNS: usize = 6;

/// Titles chosen so that the anchors exercise punctuation, an emoji,
/// an underscore and a repeated heading.
const TOPICS: &str = r#"
[[topics]]
name = "npu"
title = "NPU & GPU: acceleration (2026)"
keywords = ["npu"]

[[topics]]
name = "edge"
title = "Edge_inference — on-device 🚀"
keywords = ["edge"]

[[topics]]
name = "moe"
title = "Mixture-of-Experts"
keywords = ["moe"]

[[topics]]
name = "moe2"
title = "Mixture-of-Experts"
keywords = ["moe"]
"#;

const PIPE_TITLE: &str = "Pipes | in $a|b$ and `code` 🚀";
const DETAILS_TITLE: &str = "</details><details> Breaking <summary>out</summary> of $|x|$";

fn hostile_papers() -> [StubEntry; 3] {
    [
        StubEntry::new("2611.00010", "2026-11-10", PIPE_TITLE).summary(
            "First paragraph with $\\|x\\|_2$ and a | b.\n\n\
             Second paragraph </details> <details> ``quoted'' text 🧪 | end |",
        ),
        StubEntry::new("2611.00009", "2026-11-09", DETAILS_TITLE).summary(
            "Math $|x|$ and $$\\sum_i |a_i|$$ here.\n\n\nThird `tick and <summary>x</summary> ✨.",
        ),
        StubEntry::new("2611.00008", "2026-11-08", "A plain title"),
    ]
}

/// npu: all three hostile papers; edge: the first two; moe and moe2: none.
fn fetched_env() -> (ArxivStub, TestEnv) {
    let stub = ArxivStub::start();
    let papers = hostile_papers();
    stub.script([
        Reply::atom(feed(3, 0, 10, &papers)),
        Reply::atom(feed(2, 0, 10, &papers[..2])),
        Reply::atom(feed(0, 0, 10, &[])),
        Reply::atom(feed(0, 0, 10, &[])),
    ]);
    let env = TestEnv::with_stub_config(&stub, "", TOPICS);
    env.papers().arg("fetch").assert().success();
    (stub, env)
}

fn run(env: &TestEnv, args: &[&str]) -> String {
    let output = env.papers().args(args).output().expect("run papers");
    assert!(
        output.status.success(),
        "papers {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

/// What a Markdown renderer makes of a document.
#[derive(Debug, Default)]
struct Rendered {
    tables: Vec<Table>,
    /// Plain text of every heading, in order.
    headings: Vec<String>,
    /// Destinations of Markdown links and `href=` values of HTML links.
    links: Vec<String>,
}

#[derive(Debug, Default)]
struct Table {
    header_cells: usize,
    /// Per body row, the plain text of each cell.
    rows: Vec<Vec<String>>,
    /// Inline HTML tags inside the table, in order.
    html: Vec<String>,
}

fn render(markdown: &str, options: Options) -> Rendered {
    let mut rendered = Rendered::default();
    let mut table: Option<Table> = None;
    let mut in_head = false;
    let mut cell: Option<String> = None;
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Table(_)) => table = Some(Table::default()),
            Event::End(TagEnd::Table) => rendered.tables.extend(table.take()),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => {
                if let Some(table) = table.as_mut() {
                    table.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let text = cell.take().unwrap_or_default();
                if let Some(table) = table.as_mut() {
                    if in_head {
                        table.header_cells += 1;
                    } else if let Some(row) = table.rows.last_mut() {
                        row.push(text);
                    }
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => rendered.headings.extend(heading.take()),
            Event::Start(Tag::Link { dest_url, .. }) => rendered.links.push(dest_url.to_string()),
            Event::Text(text) | Event::Code(text) => {
                for target in [cell.as_mut(), heading.as_mut()].into_iter().flatten() {
                    target.push_str(&text);
                }
            }
            // Math comes without its delimiters; put them back so the text
            // compares with the source.
            Event::InlineMath(math) => {
                for target in [cell.as_mut(), heading.as_mut()].into_iter().flatten() {
                    target.push_str(&format!("${math}$"));
                }
            }
            Event::DisplayMath(math) => {
                for target in [cell.as_mut(), heading.as_mut()].into_iter().flatten() {
                    target.push_str(&format!("$${math}$$"));
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                rendered.links.extend(html_hrefs(&html));
                if let Some(table) = table.as_mut() {
                    table.html.push(html.to_string());
                }
            }
            _ => {}
        }
    }
    rendered
}

/// `href=` values in a piece of HTML, quoted or not.
fn html_hrefs(html: &str) -> Vec<String> {
    html.split("href=")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start_matches(['"', '\'']);
            rest.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '>'))
                .next()
        })
        .map(str::to_owned)
        .collect()
}

/// GitHub's heading slugs for a document, written independently of
/// `papers::render::page`: lowercase, keep letters, numbers, `-` and `_`,
/// spaces to `-`, drop the rest; a repeated slug gets `-1`, `-2`, ...
fn github_slugs(headings: &[String]) -> Vec<String> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    headings
        .iter()
        .map(|heading| {
            let mut base = String::new();
            for c in heading.to_lowercase().chars() {
                if c == ' ' {
                    base.push('-');
                } else if c.is_alphanumeric() || c == '-' || c == '_' {
                    base.push(c);
                }
            }
            let mut slug = base.clone();
            let mut n = 0;
            while taken.contains_key(&slug) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            taken.insert(slug.clone(), 0);
            slug
        })
        .collect()
}

const ALLOWED_HTML: [&str; 5] = ["<details>", "<summary>", "</summary>", "</details>", "<br>"];

/// Each table: six header cells, `rows[i]` body rows of six cells, one
/// `<details>` per row and no other HTML than the row markup.
fn assert_tables(rendered: &Rendered, rows: &[usize]) {
    let shape: Vec<usize> = rendered.tables.iter().map(|t| t.rows.len()).collect();
    assert_eq!(shape, rows, "tables and their row counts");
    for table in &rendered.tables {
        assert_eq!(table.header_cells, COLUMNS);
        for row in &table.rows {
            assert_eq!(row.len(), COLUMNS, "{row:#?}");
        }
        for tag in &table.html {
            assert!(
                ALLOWED_HTML.contains(&tag.as_str()),
                "unexpected HTML {tag:?}"
            );
        }
        let count = |tag: &str| table.html.iter().filter(|t| *t == tag).count();
        assert_eq!(count("<details>"), table.rows.len(), "{:#?}", table.html);
        assert_eq!(count("</details>"), table.rows.len(), "{:#?}", table.html);
    }
}

/// Title cells of every table, in order.
fn titles(rendered: &Rendered) -> Vec<&str> {
    rendered
        .tables
        .iter()
        .flat_map(|table| table.rows.iter().map(|row| row[1].as_str()))
        .collect()
}

fn option_sets() -> [Options; 2] {
    // GitHub renders `$...$` as math; check the shape holds either way.
    [
        Options::ENABLE_TABLES,
        Options::ENABLE_TABLES | Options::ENABLE_MATH,
    ]
}

#[test]
fn export_tables_keep_their_shape() {
    let (_stub, env) = fetched_env();
    let page = run(&env, &["export", "--date", DATE]);
    for options in option_sets() {
        let rendered = render(&page, options);
        assert_tables(&rendered, &[3, 2]);
        assert_eq!(
            titles(&rendered),
            [
                PIPE_TITLE,
                DETAILS_TITLE,
                "A plain title",
                PIPE_TITLE,
                DETAILS_TITLE
            ],
            "titles are shown exactly as written"
        );
        let abstract_cell = &rendered.tables[0].rows[0][3];
        assert!(
            abstract_cell
                .contains("Second paragraph </details> <details> ``quoted'' text 🧪 | end |"),
            "{abstract_cell:?}"
        );
    }
}

#[test]
fn list_markdown_tables_keep_their_shape() {
    let (_stub, env) = fetched_env();
    let single = run(&env, &["list", "--format", "markdown"]);
    let sections = run(
        &env,
        &[
            "list", "--format", "markdown", "--topic", "npu", "--topic", "edge",
        ],
    );
    for options in option_sets() {
        let rendered = render(&single, options);
        assert_tables(&rendered, &[3]);
        assert_eq!(
            titles(&rendered),
            [PIPE_TITLE, DETAILS_TITLE, "A plain title"]
        );
        assert_tables(&render(&sections, options), &[3, 2]);
    }
}

#[test]
fn every_anchor_on_the_export_page_leads_to_a_heading() {
    let (_stub, env) = fetched_env();
    let page = run(&env, &["export", "--date", DATE]);
    let rendered = render(&page, Options::ENABLE_TABLES);
    assert_eq!(
        rendered.headings,
        [
            "Updated on 2026.02.07",
            "NPU & GPU: acceleration (2026)",
            "Edge_inference — on-device 🚀",
            "Mixture-of-Experts",
            "Mixture-of-Experts",
        ]
    );
    let slugs = github_slugs(&rendered.headings);
    assert_eq!(
        slugs,
        [
            "updated-on-20260207",
            "npu--gpu-acceleration-2026",
            "edge_inference--on-device-",
            "mixture-of-experts",
            "mixture-of-experts-1",
        ]
    );
    let anchors: Vec<&str> = rendered
        .links
        .iter()
        .filter_map(|link| link.strip_prefix('#'))
        .collect();
    // Contents (one per topic, in order) then one "back to top" per section.
    let (contents, back_to_top) = anchors.split_at(4);
    assert_eq!(contents, &slugs[1..]);
    assert_eq!(back_to_top, ["updated-on-20260207"; 4]);
    for anchor in &anchors {
        assert!(
            slugs.iter().any(|slug| slug == anchor),
            "#{anchor} leads nowhere"
        );
    }
}

#[test]
fn reference_heading_slug_is_lowercase() {
    let heading = "Updated on 2026.02.07";
    assert_eq!(github_slugs(&[heading.to_owned()]), ["updated-on-20260207"]);
    assert_eq!(
        papers::render::page::github_anchor(heading),
        "updated-on-20260207"
    );
}
