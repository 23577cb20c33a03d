//! Deterministic synthetic arXiv papers for the benchmarks and for
//! `examples/synthetic_cache.rs`, which all include this file with `#[path]`.
//!
//! Text is drawn from the words of the real entries in `tests/fixtures/arxiv`
//! mixed with the default config's topic vocabulary, so field lengths, the
//! share of non-ASCII text and filter hit rates resemble a real cache. The
//! same seed and the same `now` give the same papers.

// Each includer uses a different part of the generator.
#![allow(dead_code)]

/// The allocator the `papers` binary runs with, so the figures are the
/// binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, Months, Utc};
use papers::model::{Author, CachedPaper, Paper, VersionUpdate};

pub const FIXTURES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/arxiv");
pub const DEFAULT_SEED: u64 = 0x5eed_2026;

/// Papers in the benchmarks' large cache unless `PAPERS_BENCH_PAPERS` says otherwise.
pub const DEFAULT_BENCH_PAPERS: usize = 100_000;

/// `PAPERS_BENCH_PAPERS`, for quick runs on a smaller cache.
pub fn bench_paper_count() -> usize {
    match std::env::var("PAPERS_BENCH_PAPERS") {
        Ok(text) => text
            .trim()
            .parse()
            .expect("PAPERS_BENCH_PAPERS must be a whole number of papers"),
        Err(_) => DEFAULT_BENCH_PAPERS,
    }
}

/// The topic names of `config/default.toml`, each with phrases its query
/// looks for, so a paper filed under a topic reads like one.
const TOPICS: [(&str, &[&str]); 5] = [
    (
        "npu",
        &["NPU", "NPUs", "neural processing unit", "DNN accelerator"],
    ),
    (
        "edge-inference",
        &[
            "on-device",
            "edge devices",
            "edge computing",
            "LLM inference",
        ],
    ),
    (
        "mobile-llm",
        &["smartphones", "mobile devices", "mobile SoC", "LLMs"],
    ),
    (
        "llm-acceleration",
        &[
            "FPGA",
            "systolic array",
            "processing-in-memory",
            "LLM decoding",
        ],
    ),
    (
        "moe-inference",
        &[
            "mixture of experts",
            "MoE",
            "expert parallelism",
            "offloading",
        ],
    ),
];

/// Words and phrases of the default topics, sprinkled through all text.
const TOPIC_WORDS: &[&str] = &[
    "NPU",
    "accelerator",
    "edge",
    "on-device",
    "inference",
    "mobile",
    "LLM",
    "large language model",
    "quantization",
    "mixture of experts",
    "serving",
    "decoding",
    "KV cache",
    "latency",
    "throughput",
    "energy efficiency",
    "speculative decoding",
    "sparsity",
    "FPGA",
    "ASIC",
    "smartphone",
    "transformer",
];

/// Categories with a weight each: machine learning dominates, as on arXiv.
const CATEGORIES: &[(&str, u32)] = &[
    ("cs.LG", 30),
    ("cs.AR", 14),
    ("cs.CL", 14),
    ("cs.DC", 12),
    ("cs.AI", 10),
    ("cs.PF", 5),
    ("eess.SP", 4),
    ("cs.CV", 4),
    ("cs.ET", 3),
    ("cs.OS", 2),
    ("cs.NI", 2),
    ("stat.ML", 2),
];

const FIRST_NAMES: &[&str] = &[
    "Wei", "Ming", "Jing", "Hao", "Yu", "Xin", "Priya", "Arjun", "Ananya", "Rahul", "Sara",
    "Ahmed", "Fatima", "Omar", "Yuki", "Haruto", "Min-jun", "Ji-woo", "Anna", "Maria", "Elena",
    "Sofia", "Lucas", "Mateo", "Ana", "Ivan", "Olga", "Dmitri", "Emre", "Thanh", "David",
    "Michael", "Emily", "Sarah", "James", "Laura", "Daniel", "Giulia", "Marco", "Noah", "Leila",
    "Kwame", "Chiara", "Helge", "Nadia", "Tomas", "Lukas", "Hannah",
];

const ACCENTED_FIRST_NAMES: &[&str] = &[
    "José",
    "João",
    "François",
    "Amélie",
    "Zoë",
    "Jürgen",
    "Björn",
    "Søren",
    "Åsa",
    "Łukasz",
    "Paweł",
    "Małgorzata",
    "Tomáš",
    "Ayşe",
    "Chloé",
    "Renée",
];

const SURNAMES: &[&str] = &[
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Sharma",
    "Gupta",
    "Patel",
    "Singh",
    "Reddy",
    "Schmidt",
    "Nowak",
    "Kowalski",
    "Rossi",
    "Bianchi",
    "Ivanov",
    "Petrova",
    "Nguyen",
    "Tran",
    "Smith",
    "Johnson",
    "Brown",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Novak",
    "Papadopoulos",
    "Haddad",
    "Mensah",
    "O'Brien",
    "Dubois",
    "Garcia",
];

const ACCENTED_SURNAMES: &[&str] = &[
    "Müller",
    "Schröder",
    "Weiß",
    "Wiśniewski",
    "García",
    "Fernández",
    "López",
    "Martínez",
    "Gonçalves",
    "Lefèvre",
    "Yılmaz",
    "Öztürk",
    "Øvergaard",
    "Håkansson",
    "Horváth",
    "Dvořák",
];

/// Names written in their own script, as arXiv shows some of them.
const NATIVE_NAMES: &[&str] = &[
    "李明",
    "王芳",
    "张伟",
    "刘洋",
    "陈静",
    "山田太郎",
    "佐藤花子",
    "김민준",
    "이서연",
    "Алексей Смирнов",
];

const AFFILIATIONS: &[&str] = &[
    "Tsinghua University",
    "MIT",
    "ETH Zürich",
    "KAIST",
    "University of Tokyo",
    "Stanford University",
    "Peking University",
    "Technische Universität München",
    "EPFL",
    "Carnegie Mellon University",
    "Samsung Advanced Institute of Technology",
    "Huawei Technologies",
];

const VENUES: &[&str] = &[
    "ISCA", "MICRO", "HPCA", "ASPLOS", "MLSys", "DAC", "NeurIPS", "ICML", "EuroSys", "MobiSys",
    "SenSys", "ACL",
];

/// A SplitMix64 generator: tiny, fast and good enough for test data, and it
/// keeps the benches free of another dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is far below what matters here).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below((high - low + 1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index skewed towards the front: a few prolific authors, a long tail.
    pub fn skewed_index(&mut self, len: usize) -> usize {
        let u = ((self.next_u64() >> 11) as f64) / ((1u64 << 53) as f64);
        ((u * u * len as f64) as usize).min(len - 1)
    }

    fn weighted<'a>(&mut self, items: &'a [(&'a str, u32)]) -> &'a str {
        let total: u32 = items.iter().map(|(_, weight)| weight).sum();
        let mut ticket = self.below(u64::from(total)) as u32;
        for (item, weight) in items {
            if ticket < *weight {
                return item;
            }
            ticket -= weight;
        }
        items[items.len() - 1].0
    }
}

/// The recorded arXiv responses, in file name order: `read_dir` order varies
/// between file systems, and the generated data must not.
pub fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/fixtures/arxiv is part of the repository")
        .map(|entry| entry.expect("fixture directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "xml"))
        .collect();
    files.sort();
    files
}

/// Words of the real fixture entries, with their natural frequencies, and
/// the fixtures' author names.
struct Vocabulary {
    words: Vec<String>,
    author_names: Vec<String>,
}

impl Vocabulary {
    fn from_fixtures(dir: &Path) -> Self {
        let mut words = Vec::new();
        let mut author_names = Vec::new();
        for path in fixture_files(dir) {
            let bytes = std::fs::read(&path).expect("fixture file readable");
            // Error feeds are fixtures too; they have no words worth taking.
            let Ok(feed) = papers::arxiv::atom::parse_feed_bytes(&bytes) else {
                continue;
            };
            for paper in feed.entries {
                for word in paper
                    .title
                    .split_whitespace()
                    .chain(paper.summary.split_whitespace())
                {
                    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                    if !word.is_empty() {
                        words.push(word.to_owned());
                    }
                }
                author_names.extend(paper.authors.into_iter().map(|author| author.name));
            }
        }
        assert!(
            words.len() > 1000,
            "the fixtures should yield thousands of words, got {}",
            words.len()
        );
        Vocabulary {
            words,
            author_names,
        }
    }
}

/// Makes papers; keeps the last number used per month so later batches
/// (a "fetch" for the merge bench) get fresh, unique ids.
pub struct Generator {
    rng: Rng,
    vocabulary: Vocabulary,
    authors: Vec<String>,
    now: DateTime<Utc>,
    last_number: HashMap<(i32, u32), u32>,
}

impl Generator {
    pub fn new(seed: u64, now: DateTime<Utc>) -> Self {
        // arXiv timestamps are whole seconds.
        let now = DateTime::from_timestamp(now.timestamp(), 0).expect("now is a valid time");
        let mut rng = Rng::new(seed);
        let vocabulary = Vocabulary::from_fixtures(Path::new(FIXTURES_DIR));
        let authors = author_pool(&mut rng, &vocabulary.author_names, 3000);
        Generator {
            rng,
            vocabulary,
            authors,
            now,
            last_number: HashMap::new(),
        }
    }

    /// `count` cached papers first submitted over the `months` months up to now.
    pub fn cached_papers(&mut self, count: usize, months: u32) -> Vec<CachedPaper> {
        let start = self
            .now
            .checked_sub_months(Months::new(months))
            .expect("--months reaches back to a representable date");
        let mut published = self.submission_times(count, start);
        published.sort();
        published
            .into_iter()
            .map(|published| {
                let topics = self.topics();
                let id = self.next_id(published);
                let paper = self.paper(id, published, &topics);
                self.cached(paper, topics)
            })
            .collect()
    }

    /// `count` papers nobody has cached yet, submitted within `recent` of now,
    /// as a fetch would return them (newest first).
    pub fn fresh_papers(&mut self, count: usize, recent: Duration) -> Vec<Paper> {
        let mut published = self.submission_times(count, self.now - recent);
        published.sort();
        let mut papers: Vec<Paper> = published
            .into_iter()
            .map(|published| {
                let topics = self.topics();
                let id = self.next_id(published);
                self.paper(id, published, &topics)
            })
            .collect();
        papers.reverse();
        papers
    }

    /// `held` as arXiv would return it after its author posted one more version.
    pub fn newer_version(&mut self, held: &Paper) -> Paper {
        let version = held.version + 1;
        let since_held = (self.now - held.updated).num_seconds().max(2);
        let updated =
            held.updated + Duration::seconds(1 + self.rng.below(since_held as u64 - 1) as i64);
        Paper {
            version,
            updated,
            abs_url: format!("https://arxiv.org/abs/{}v{version}", held.id),
            pdf_url: format!("https://arxiv.org/pdf/{}v{version}", held.id),
            ..held.clone()
        }
    }

    /// A title of 6-15 words, capitalised like most arXiv titles.
    fn title(&mut self) -> String {
        let length = self.rng.between(6, 15);
        let mut words: Vec<String> = (0..length).map(|_| self.word(0.15)).collect();
        if self.rng.chance(0.3) {
            let at = self.rng.between(1, length - 1);
            words[at] = self.rng.pick(TOPIC_WORDS).to_string();
        }
        for word in &mut words {
            *word = capitalised(word);
        }
        if self.rng.chance(0.25) {
            // "Name: What It Does", a common title shape.
            words[0].push(':');
        }
        words.join(" ")
    }

    fn submission_times(&mut self, count: usize, start: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let span = (self.now - start).num_seconds().max(1) as u64;
        (0..count)
            .map(|_| start + Duration::seconds(self.rng.below(span) as i64))
            .collect()
    }

    /// The next `YYMM.NNNNN` of the month of `published`, with small gaps:
    /// arXiv numbers papers in submission order across all fields.
    fn next_id(&mut self, published: DateTime<Utc>) -> String {
        let month = (published.year(), published.month());
        let gap = 1 + self.rng.below(2) as u32;
        let last = self.last_number.entry(month).or_insert(0);
        *last += gap;
        assert!(
            *last <= 99_999,
            "more papers in {}-{:02} than five-digit arXiv numbers allow; use more --months",
            month.0,
            month.1
        );
        format!("{:02}{:02}.{:05}", month.0 % 100, month.1, last)
    }

    /// One or two of the default topics.
    fn topics(&mut self) -> Vec<&'static str> {
        let first = self.rng.below(TOPICS.len() as u64) as usize;
        let mut chosen = vec![TOPICS[first].0];
        if self.rng.chance(0.25) {
            let offset = 1 + self.rng.below(TOPICS.len() as u64 - 1) as usize;
            chosen.push(TOPICS[(first + offset) % TOPICS.len()].0);
        }
        chosen
    }

    /// The one place a synthetic `Paper` is built.
    fn paper(&mut self, id: String, published: DateTime<Utc>, topics: &[&str]) -> Paper {
        let age = (self.now - published).num_seconds();
        // A later version needs time after the first; very fresh papers stay at v1.
        let version = if age < 7200 {
            1
        } else {
            match self.rng.below(100) {
                0..60 => 1,
                60..85 => 2,
                85..95 => 3,
                _ => 4,
            }
        };
        let updated = if version == 1 {
            published
        } else {
            let window = age.min(200 * 86_400) as u64;
            published + Duration::seconds(3600 + self.rng.below(window - 3600) as i64)
        };
        let author_count = match self.rng.below(100) {
            0..10 => 1,
            10..75 => self.rng.between(2, 6),
            _ => self.rng.between(7, 12),
        };
        let authors: Vec<Author> = (0..author_count).map(|_| self.author()).collect();
        let categories = self.categories();
        let comment = self.rng.chance(0.6).then(|| self.comment());
        let journal_ref = self.rng.chance(0.15).then(|| {
            format!(
                "Proceedings of {} {}",
                self.rng.pick(VENUES),
                published.year() + self.rng.between(0, 1) as i32
            )
        });
        let dois = if self.rng.chance(0.15) {
            vec![format!(
                "10.{}/{}.{}",
                self.rng.pick(&["1145", "1109"]),
                3_500_000 + self.rng.below(200_000),
                self.rng.below(10_000_000)
            )]
        } else {
            Vec::new()
        };
        // Title before abstract: the order the generator has always drawn them in.
        let title = self.title();
        let summary = self.summary(topics);
        let mut paper = Paper::builder(id)
            .version(version)
            .title(title)
            .authors(authors)
            .summary(summary)
            .published(published)
            .updated(updated)
            .categories(categories)
            .dois(dois)
            .build();
        paper.comment = comment;
        paper.journal_ref = journal_ref;
        paper
    }

    /// The one place a synthetic `CachedPaper` is built: first seen by a
    /// fetch a little after submission, changed again when a later version
    /// was fetched.
    fn cached(&mut self, paper: Paper, topics: Vec<&str>) -> CachedPaper {
        let first_seen = (paper.published
            + Duration::minutes(10 + self.rng.below(3 * 24 * 60) as i64))
        .min(self.now);
        let last_changed = if paper.updated > first_seen {
            (paper.updated + Duration::minutes(10 + self.rng.below(24 * 60) as i64)).min(self.now)
        } else {
            first_seen
        };
        // A later version fetched after the first: recorded as a fetch does.
        let updates = if last_changed > first_seen && paper.version > 1 {
            vec![VersionUpdate {
                from: paper.version - 1,
                from_submitted: paper.published,
                to: paper.version,
                to_submitted: paper.updated,
                seen: last_changed,
            }]
        } else {
            Vec::new()
        };
        CachedPaper {
            paper,
            first_seen,
            last_changed: last_changed.max(first_seen),
            topics: topics
                .into_iter()
                .map(str::to_owned)
                .collect::<BTreeSet<_>>(),
            updates,
            hf: None,
        }
    }

    /// A fixture word, or with probability `topical` a topic word.
    fn word(&mut self, topical: f64) -> String {
        if self.rng.chance(topical) {
            self.rng.pick(TOPIC_WORDS).to_string()
        } else {
            self.rng.pick(&self.vocabulary.words).clone()
        }
    }

    /// 150-250 words in sentences of 10-30, naming one phrase of each of
    /// its topics, now and then split into two paragraphs.
    fn summary(&mut self, topics: &[&str]) -> String {
        let length = self.rng.between(150, 250);
        let mut words: Vec<String> = (0..length).map(|_| self.word(0.08)).collect();
        for topic in topics {
            let phrases = TOPICS
                .iter()
                .find(|(name, _)| name == topic)
                .map(|(_, phrases)| *phrases)
                .expect("topics come from TOPICS");
            let at = self.rng.between(1, length - 1);
            words[at] = self.rng.pick(phrases).to_string();
        }
        let paragraph_after = self.rng.chance(0.1).then(|| self.rng.between(2, 4));
        let mut text = String::with_capacity(length * 8);
        let mut sentences = 0;
        let mut start = 0;
        while start < length {
            let end = (start + self.rng.between(10, 30)).min(length);
            if start > 0 {
                text.push_str(if paragraph_after == Some(sentences) {
                    "\n\n"
                } else {
                    " "
                });
            }
            text.push_str(&capitalised(&words[start]));
            for word in &words[start + 1..end] {
                text.push(' ');
                text.push_str(word);
            }
            text.push('.');
            sentences += 1;
            start = end;
        }
        if self.rng.chance(0.05) {
            let repository = self.repository_url();
            text.push_str(&format!(" Code is available at {repository}."));
        }
        text
    }

    fn repository_url(&mut self) -> String {
        format!(
            "https://github.com/{}/{}",
            self.rng.pick(SURNAMES).to_lowercase().replace('\'', ""),
            self.word(0.0).to_lowercase()
        )
    }

    fn author(&mut self) -> Author {
        let index = self.rng.skewed_index(self.authors.len());
        let affiliations = if self.rng.chance(0.15) {
            vec![self.rng.pick(AFFILIATIONS).to_string()]
        } else {
            Vec::new()
        };
        Author {
            name: self.authors[index].clone(),
            affiliations,
        }
    }

    /// 1-4 distinct categories, the primary first.
    fn categories(&mut self) -> Vec<String> {
        let count = match self.rng.below(100) {
            0..35 => 1,
            35..75 => 2,
            75..92 => 3,
            _ => 4,
        };
        let mut chosen: Vec<String> = Vec::with_capacity(count);
        while chosen.len() < count {
            let category = self.rng.weighted(CATEGORIES);
            if !chosen.iter().any(|c| c == category) {
                chosen.push(category.to_owned());
            }
        }
        chosen
    }

    fn comment(&mut self) -> String {
        let mut comment = format!(
            "{} pages, {} figures",
            self.rng.between(4, 30),
            self.rng.between(1, 15)
        );
        if self.rng.chance(0.3) {
            comment.push_str(&format!(
                "; accepted at {} {}",
                self.rng.pick(VENUES),
                2020 + self.rng.below(7)
            ));
        }
        if self.rng.chance(0.15) {
            let repository = self.repository_url();
            comment.push_str(&format!("; code: {repository}"));
        }
        comment
    }
}

/// `size` distinct names: the fixtures' real authors, names in their own
/// scripts, and first-name/surname combinations, some with a middle initial.
fn author_pool(rng: &mut Rng, fixture_names: &[String], size: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut pool = Vec::with_capacity(size);
    let given = fixture_names
        .iter()
        .cloned()
        .chain(NATIVE_NAMES.iter().map(|name| name.to_string()));
    for name in given {
        if seen.insert(name.clone()) {
            pool.push(name);
        }
    }
    while pool.len() < size {
        // About one name in ten has a letter beyond ASCII, so about a third
        // of the papers have such an author, as on arXiv.
        let (first, last) = match rng.below(100) {
            0..5 => (rng.pick(FIRST_NAMES), rng.pick(ACCENTED_SURNAMES)),
            5..8 => (rng.pick(ACCENTED_FIRST_NAMES), rng.pick(SURNAMES)),
            8..10 => (rng.pick(ACCENTED_FIRST_NAMES), rng.pick(ACCENTED_SURNAMES)),
            _ => (rng.pick(FIRST_NAMES), rng.pick(SURNAMES)),
        };
        let name = if rng.chance(0.3) {
            let initial = (b'A' + rng.below(26) as u8) as char;
            format!("{first} {initial}. {last}")
        } else {
            format!("{first} {last}")
        };
        if seen.insert(name.clone()) {
            pool.push(name);
        }
    }
    // Shuffle so the prolific front of the skewed pick is not all fixture names.
    for i in (1..pool.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        pool.swap(i, j);
    }
    pool
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `count` papers over the last four years as an in-memory cache, its last
/// fetch at the newest first sighting.
pub fn synthetic_cache(generator: &mut Generator, count: usize) -> papers::storage::cache::Cache {
    let papers = generator.cached_papers(count, 48);
    let last_fetch = papers.iter().map(|paper| paper.first_seen).max();
    let mut cache = papers::storage::cache::Cache::default();
    for paper in papers {
        cache.insert_held(paper);
    }
    cache.last_fetch = last_fetch;
    cache
}
