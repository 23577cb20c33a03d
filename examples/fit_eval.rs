//! How well the fit ranks, on synthetic papers with known themes, against
//! the two orders `papers` had before it: newest first (`--sort date`), and
//! the real relevance score (`--sort score`, `triage::score`) of a topic
//! configured with the reader's keywords. Deterministic: fixed seeds.
//!
//! ```text
//! cargo run --release --example fit_eval              # quality table
//! cargo run --release --example fit_eval -- --speed 100000
//! ```
//!
//! The generator makes it hard on purpose: eight themes that share much of
//! their vocabulary (every theme talks about LLMs, inference, memory and
//! latency), a third of the papers mixing in a second theme, words of
//! random other themes sprinkled through every abstract, authors who
//! publish across themes, and the reader's theme a minority (about one
//! paper in fourteen). The reader stars k papers of their theme and
//! dismisses k of the theme nearest to it; all other papers are held out
//! and ranked. A held-out paper is relevant when its main theme is the
//! reader's.

use std::time::Instant;

use papers::model::{Paper as ArxivPaper, Topic};
use papers::triage::fit::{Corpus, DocText, Fit, FitMode, Label, Query, similar};
use papers::triage::score;

/// Themes as (name, share of papers, terms). Neighbouring themes share
/// terms, as real arXiv topics do.
const THEMES: [(&str, u32, &[&str]); 8] = [
    (
        "speculative-decoding",
        7,
        &[
            "speculative decoding",
            "draft model",
            "token tree",
            "verification",
            "acceptance rate",
            "lookahead",
            "Medusa heads",
            "draft tokens",
            "autoregressive decoding",
            "LLM serving",
            "decoding latency",
            "KV cache",
            "batch size",
            "target model",
        ],
    ),
    (
        "llm-serving",
        16,
        &[
            "LLM serving",
            "request scheduling",
            "KV cache",
            "paged attention",
            "continuous batching",
            "throughput",
            "SLO",
            "prefill",
            "decode phase",
            "batch size",
            "GPU cluster",
            "tail latency",
            "disaggregated",
            "autoregressive decoding",
        ],
    ),
    (
        "quantization",
        15,
        &[
            "quantization",
            "post-training quantization",
            "INT4",
            "weight-only",
            "outliers",
            "mixed precision",
            "low-bit",
            "activation quantization",
            "calibration",
            "KV cache",
            "accuracy degradation",
            "perplexity",
            "FP8",
            "GPTQ",
        ],
    ),
    (
        "npu-hardware",
        13,
        &[
            "NPU",
            "accelerator",
            "systolic array",
            "dataflow",
            "on-chip memory",
            "RTL",
            "energy efficiency",
            "PE array",
            "mixed precision",
            "area",
            "ASIC",
            "low-bit",
            "DNN accelerator",
            "memory bandwidth",
        ],
    ),
    (
        "moe",
        12,
        &[
            "mixture of experts",
            "MoE",
            "expert parallelism",
            "router",
            "gating",
            "expert offloading",
            "load balancing",
            "all-to-all",
            "sparse activation",
            "GPU cluster",
            "expert capacity",
            "throughput",
            "token routing",
            "memory bandwidth",
        ],
    ),
    (
        "on-device",
        13,
        &[
            "on-device",
            "smartphones",
            "mobile SoC",
            "edge devices",
            "energy efficiency",
            "NPU",
            "memory footprint",
            "battery",
            "offloading",
            "quantization",
            "mobile GPU",
            "latency",
            "privacy",
            "deployment",
        ],
    ),
    (
        "sparse-attention",
        12,
        &[
            "sparse attention",
            "long context",
            "attention heads",
            "token eviction",
            "KV cache",
            "sliding window",
            "context length",
            "attention sparsity",
            "retrieval heads",
            "perplexity",
            "prefill",
            "memory footprint",
            "FlashAttention",
            "top-k attention",
        ],
    ),
    (
        "training-systems",
        12,
        &[
            "distributed training",
            "pipeline parallelism",
            "gradient checkpointing",
            "ZeRO",
            "data parallelism",
            "communication overhead",
            "GPU cluster",
            "all-to-all",
            "fault tolerance",
            "throughput",
            "optimizer states",
            "tensor parallelism",
            "activation memory",
            "expert parallelism",
        ],
    ),
];

/// The reader's theme and the keywords a reader would configure for it:
/// two specific, two the neighbours use as much.
const READER: usize = 0;
const NEIGHBOUR: usize = 1;
const READER_KEYWORDS: [&str; 4] = ["speculative decoding", "draft model", "LLM", "decoding"];

/// Words every paper in the field uses.
const FIELD: &[&str] = &[
    "LLM",
    "LLMs",
    "large language models",
    "inference",
    "latency",
    "memory",
    "GPU",
    "GPUs",
    "efficient",
    "efficiency",
    "transformer",
    "model",
    "models",
    "performance",
    "hardware",
    "compute",
    "speedup",
    "overhead",
    "workloads",
    "accuracy",
    "decoding",
    "tokens",
];

/// General academic words, most common first (drawn Zipf-like).
const GENERAL: &[&str] = &[
    "propose",
    "results",
    "show",
    "approach",
    "method",
    "novel",
    "framework",
    "based",
    "using",
    "significantly",
    "existing",
    "achieves",
    "demonstrate",
    "evaluation",
    "experiments",
    "compared",
    "state-of-the-art",
    "work",
    "design",
    "system",
    "systems",
    "problem",
    "key",
    "challenge",
    "challenges",
    "improve",
    "improves",
    "reduce",
    "reduces",
    "up",
    "across",
    "benchmarks",
    "analysis",
    "study",
    "paper",
    "present",
    "introduce",
    "new",
    "techniques",
    "technique",
    "first",
    "time",
    "cost",
    "costs",
    "large",
    "small",
    "high",
    "low",
    "scale",
    "scalable",
    "practical",
    "real-world",
    "applications",
    "tasks",
    "data",
    "training",
    "learning",
    "neural",
    "network",
    "networks",
    "deep",
    "algorithm",
    "algorithms",
    "optimal",
    "optimization",
    "effective",
    "effectively",
    "simple",
    "general",
    "specific",
    "multiple",
    "different",
    "various",
    "impact",
    "trade-off",
    "trade-offs",
    "insight",
    "insights",
    "observe",
    "observation",
    "finally",
    "further",
    "moreover",
    "however",
    "particular",
    "complex",
    "structure",
    "structures",
    "framework",
    "frameworks",
    "open-source",
    "code",
    "available",
    "baseline",
    "baselines",
    "outperforms",
    "prior",
    "recent",
    "emerging",
    "fundamental",
    "critical",
    "important",
    "widely",
    "commonly",
    "often",
    "limited",
];

const STOP: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "for", "we", "is", "on", "with", "that", "this", "by",
    "our", "as", "are", "from", "which", "while",
];

const FIRST: &[&str] = &[
    "Wei", "Ming", "Jing", "Hao", "Yu", "Xin", "Priya", "Arjun", "Sara", "Ahmed", "Yuki", "Anna",
    "Maria", "Elena", "Lucas", "Ivan", "Emre", "Thanh", "David", "Emily", "James", "Laura",
    "Marco", "Noah", "Leila", "Kwame", "Song", "Tianqi", "Zhihao", "Ion",
];
const LAST: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Kim", "Lee", "Park", "Tanaka", "Sharma",
    "Gupta", "Patel", "Schmidt", "Nowak", "Rossi", "Ivanov", "Nguyen", "Smith", "Brown", "Miller",
    "Garcia", "Han", "Stoica", "Müller", "Dubois", "Haddad", "Mensah",
];

/// How often a title word / an abstract word is a term of the paper's
/// themes; the rest is field jargon, general words and stop words.
const TITLE_THEME_SHARE: f64 = 0.12;
const ABSTRACT_THEME_SHARE: f64 = 0.035;
/// Share of papers that mix in a second theme, and that theme's share of
/// their theme terms.
const MIXED_PAPERS: f64 = 0.5;
const SECOND_THEME_SHARE: f64 = 0.45;

/// SplitMix64: small, fast, and a fixed seed gives fixed papers.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// Zipf-like: index `⌊len·u³⌋` favours the front of the list.
    fn skewed<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let u = self.unit();
        items[((u * u * u) * items.len() as f64) as usize % items.len()]
    }
}

struct Paper {
    title: String,
    summary: String,
    authors: Vec<String>,
    theme: usize,
    /// Days since some epoch; independent of the theme.
    date: u32,
}

struct Generator {
    rng: Rng,
    /// Per theme, its regular authors; some write for two themes.
    theme_authors: Vec<Vec<String>>,
    everyone: Vec<String>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        let everyone: Vec<String> = (0..600)
            .map(|_| format!("{} {}", rng.pick(FIRST), rng.pick(LAST)))
            .collect();
        let theme_authors = (0..THEMES.len())
            .map(|_| {
                (0..25)
                    .map(|_| everyone[rng.below(everyone.len())].clone())
                    .collect()
            })
            .collect();
        Generator {
            rng,
            theme_authors,
            everyone,
        }
    }

    fn theme(&mut self) -> usize {
        let total: u32 = THEMES.iter().map(|t| t.1).sum();
        let mut ticket = self.rng.below(total as usize) as u32;
        for (i, theme) in THEMES.iter().enumerate() {
            if ticket < theme.1 {
                return i;
            }
            ticket -= theme.1;
        }
        THEMES.len() - 1
    }

    /// One token of text for a paper of `themes` (main, optional second).
    fn token(&mut self, themes: (usize, Option<usize>), theme_p: f64) -> &'static str {
        let roll = self.rng.unit();
        if roll < theme_p {
            let theme = match themes.1 {
                Some(second) if self.rng.chance(SECOND_THEME_SHARE) => second,
                _ => themes.0,
            };
            self.rng.pick(THEMES[theme].2)
        } else if roll < theme_p + 0.04 {
            // A term of some other theme, mentioned in passing.
            let other = self.rng.below(THEMES.len());
            self.rng.pick(THEMES[other].2)
        } else if roll < theme_p + 0.2 {
            self.rng.skewed(FIELD)
        } else if roll < theme_p + 0.45 {
            self.rng.pick(STOP)
        } else {
            self.rng.skewed(GENERAL)
        }
    }

    fn paper(&mut self) -> Paper {
        let theme = self.theme();
        let second = self
            .rng
            .chance(MIXED_PAPERS)
            .then(|| self.rng.below(THEMES.len()))
            .filter(|&t| t != theme);
        let themes = (theme, second);
        let title_words = 8 + self.rng.below(8);
        let title: Vec<&str> = (0..title_words)
            .map(|_| self.token(themes, TITLE_THEME_SHARE))
            .collect();
        let mut summary = String::new();
        let words = 140 + self.rng.below(80);
        let mut in_sentence = 0;
        for i in 0..words {
            let token = self.token(themes, ABSTRACT_THEME_SHARE);
            if in_sentence == 0 {
                let mut chars = token.chars();
                if let Some(first) = chars.next() {
                    summary.extend(first.to_uppercase());
                    summary.push_str(chars.as_str());
                }
            } else {
                summary.push_str(token);
            }
            in_sentence += 1;
            if in_sentence > 12 && self.rng.chance(0.12) || i + 1 == words {
                summary.push_str(". ");
                in_sentence = 0;
            } else if self.rng.chance(0.06) {
                summary.push_str(", ");
            } else {
                summary.push(' ');
            }
        }
        let count = 2 + self.rng.below(6);
        let authors = (0..count)
            .map(|_| {
                if self.rng.chance(0.5) {
                    let pool = &self.theme_authors[theme];
                    pool[self.rng.below(pool.len())].clone()
                } else {
                    self.everyone[self.rng.below(self.everyone.len())].clone()
                }
            })
            .collect();
        Paper {
            title: title.join(" "),
            summary: summary.trim_end().to_owned(),
            authors,
            theme,
            date: self.rng.below(3650) as u32,
        }
    }
}

/// The repo's real relevance score (`triage::score`) for a topic a reader
/// of this theme would configure: its keywords, no category or author
/// (every synthetic paper shares the categories). The paper is dated
/// `date` days before `TODAY`, so recency counts as it does in `list`.
fn relevance_score(paper: &Paper, index: usize) -> u32 {
    let topic = Topic {
        name: "reader".into(),
        title: "The reader's theme".into(),
        keywords: READER_KEYWORDS.iter().map(|k| (*k).to_owned()).collect(),
        categories: Vec::new(),
        authors: Vec::new(),
        exclude: Vec::new(),
        query: None,
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let published = today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()
        - chrono::TimeDelta::days(i64::from(paper.date));
    let real = ArxivPaper::builder(format!("2612.{index:05}"))
        .title(paper.title.clone())
        .summary(paper.summary.clone())
        .authors(paper.authors.iter().cloned())
        .published(published)
        .categories(["cs.LG"])
        .build();
    u32::from(score::score(&real, &topic, today).total)
}

struct Metrics {
    at10: f64,
    at20: f64,
    ndcg20: f64,
}

fn metrics(ranked: &[usize], relevant: impl Fn(usize) -> bool, total_relevant: usize) -> Metrics {
    let precision =
        |k: usize| ranked.iter().take(k).filter(|&&d| relevant(d)).count() as f64 / k as f64;
    let dcg: f64 = ranked
        .iter()
        .take(20)
        .enumerate()
        .filter(|&(_, &d)| relevant(d))
        .map(|(i, _)| 1.0 / (i as f64 + 2.0).log2())
        .sum();
    let ideal: f64 = (0..total_relevant.min(20))
        .map(|i| 1.0 / (i as f64 + 2.0).log2())
        .sum();
    Metrics {
        at10: precision(10),
        at20: precision(20),
        ndcg20: if ideal > 0.0 { dcg / ideal } else { 0.0 },
    }
}

/// Ranks `held_out` by `key` descending, ties newest first.
fn rank_by(papers: &[Paper], held_out: &[usize], key: impl Fn(usize) -> f64) -> Vec<usize> {
    let mut ranked = held_out.to_vec();
    ranked.sort_by(|&a, &b| {
        key(b)
            .total_cmp(&key(a))
            .then(papers[b].date.cmp(&papers[a].date))
            .then(a.cmp(&b))
    });
    ranked
}

struct Scenario {
    name: &'static str,
    stars: usize,
    dismissals: usize,
    /// Papers seen and passed over (weak negatives), drawn from all themes.
    seen: usize,
}

const SCENARIOS: [Scenario; 5] = [
    Scenario {
        name: "3 stars (similarity)",
        stars: 3,
        dismissals: 3,
        seen: 0,
    },
    Scenario {
        name: "5 stars, 5 dismissed",
        stars: 5,
        dismissals: 5,
        seen: 0,
    },
    Scenario {
        name: "10 stars, 10 dismissed",
        stars: 10,
        dismissals: 10,
        seen: 0,
    },
    Scenario {
        name: "20 stars, 20 dismissed",
        stars: 20,
        dismissals: 20,
        seen: 0,
    },
    Scenario {
        name: "10/10 + 300 seen",
        stars: 10,
        dismissals: 10,
        seen: 300,
    },
];

const PAPERS: usize = 4_000;
const DRAWS: u64 = 10;

fn mean_sd(values: &[f64]) -> String {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    format!("{mean:.3} ± {:.3}", var.sqrt())
}

fn docs(papers: &[Paper]) -> Vec<Vec<&str>> {
    papers
        .iter()
        .map(|p| p.authors.iter().map(String::as_str).collect())
        .collect()
}

fn doc_texts<'a>(papers: &'a [Paper], authors: &'a [Vec<&'a str>]) -> Vec<DocText<'a>> {
    papers
        .iter()
        .zip(authors)
        .map(|(p, a)| DocText {
            title: &p.title,
            summary: &p.summary,
            authors: a,
        })
        .collect()
}

fn quality() {
    println!(
        "{PAPERS} synthetic papers per draw, {DRAWS} draws; reader's theme ≈ 7% of papers; \
         held-out = all unmarked papers\n"
    );
    println!("| marks | ranking | P@10 | P@20 | nDCG@20 |");
    println!("|---|---|---|---|---|");
    for scenario in &SCENARIOS {
        // [fit, date, keywords] × [p10, p20, ndcg]
        let mut results = vec![[Vec::new(), Vec::new(), Vec::new()]; 3];
        let mut modes = Vec::new();
        for draw in 0..DRAWS {
            let mut generator = Generator::new(0xf17_0000 + draw);
            let papers: Vec<Paper> = (0..PAPERS).map(|_| generator.paper()).collect();
            let authors = docs(&papers);
            let texts = doc_texts(&papers, &authors);
            let mut labels = vec![Label::Unlabelled; papers.len()];
            let mut rng = Rng(0xdead_0000 + draw);
            let mut mark = |theme: Option<usize>, count: usize, label: Label, rng: &mut Rng| {
                let mut marked = 0;
                while marked < count {
                    let doc = rng.below(papers.len());
                    if labels[doc] == Label::Unlabelled
                        && theme.is_none_or(|t| papers[doc].theme == t)
                    {
                        labels[doc] = label;
                        marked += 1;
                    }
                }
            };
            mark(Some(READER), scenario.stars, Label::Positive, &mut rng);
            mark(
                Some(NEIGHBOUR),
                scenario.dismissals,
                Label::Negative,
                &mut rng,
            );
            mark(None, scenario.seen, Label::WeakNegative, &mut rng);
            let corpus = Corpus::build(&texts);
            let fit = Fit::train(&corpus, &labels);
            modes.push(fit.mode());
            let scores = fit
                .scores(&corpus)
                .unwrap_or_else(|| vec![0.0; papers.len()]);
            let held_out: Vec<usize> = (0..papers.len())
                .filter(|&d| labels[d] == Label::Unlabelled)
                .collect();
            let relevant = |d: usize| papers[d].theme == READER;
            let total_relevant = held_out.iter().filter(|&&d| relevant(d)).count();
            let keyword: Vec<f64> = papers
                .iter()
                .enumerate()
                .map(|(i, p)| f64::from(relevance_score(p, i)))
                .collect();
            let rankings = [
                rank_by(&papers, &held_out, |d| f64::from(scores[d])),
                rank_by(&papers, &held_out, |_| 0.0),
                rank_by(&papers, &held_out, |d| keyword[d]),
            ];
            for (ranking, result) in rankings.iter().zip(&mut results) {
                let m = metrics(ranking, relevant, total_relevant);
                result[0].push(m.at10);
                result[1].push(m.at20);
                result[2].push(m.ndcg20);
            }
        }
        let mode = match modes.first() {
            Some(FitMode::Model) => "model",
            Some(FitMode::Similarity) => "similarity",
            _ => "none",
        };
        for (name, result) in [
            "fit (--sort fit)",
            "date (--sort date)",
            "score (--sort score)",
        ]
        .iter()
        .zip(&results)
        {
            let name = if name.starts_with("fit") {
                format!("{name}, {mode}")
            } else {
                (*name).to_owned()
            };
            println!(
                "| {} | {name} | {} | {} | {} |",
                scenario.name,
                mean_sd(&result[0]),
                mean_sd(&result[1]),
                mean_sd(&result[2])
            );
        }
    }
}

/// CPU time used so far by the whole process (all threads), in ms, from
/// `/proc/self/stat` (Linux; 10 ms ticks). On a machine shared with other
/// jobs wall time says little; CPU time says what the work costs.
fn cpu_ms() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the ")" that closes the command name: utime is the
    // 12th, stime the 13th (fields 14 and 15 of the whole line).
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    (ticks(11) + ticks(12)) * 10.0
}

fn speed(count: usize) {
    let mut generator = Generator::new(42);
    let papers: Vec<Paper> = (0..count).map(|_| generator.paper()).collect();
    let authors = docs(&papers);
    let texts = doc_texts(&papers, &authors);
    let bytes: usize = papers.iter().map(|p| p.title.len() + p.summary.len()).sum();
    println!(
        "{count} papers, {:.1} MB of title+abstract",
        bytes as f64 / 1e6
    );
    let mut labels = vec![Label::Unlabelled; count];
    let mut rng = Rng(7);
    for _ in 0..300 {
        let doc = rng.below(count);
        labels[doc] = match papers[doc].theme {
            READER => Label::Positive,
            NEIGHBOUR => Label::Negative,
            _ => Label::WeakNegative,
        };
    }
    for round in 0..3 {
        let start = Instant::now();
        let cpu_start = cpu_ms();
        let corpus = Corpus::build(&texts);
        let featurised = start.elapsed();
        let cpu_featurised = cpu_ms();
        let fit = Fit::train(&corpus, &labels);
        let trained = start.elapsed();
        let cpu_trained = cpu_ms();
        let scores = fit.scores(&corpus).unwrap_or_default();
        let scored = start.elapsed();
        let cpu_scored = cpu_ms();
        println!(
            "round {round} CPU time: featurise {:.0} ms, train {:.0} ms, score {:.0} ms",
            cpu_featurised - cpu_start,
            cpu_trained - cpu_featurised,
            cpu_scored - cpu_trained
        );
        let nearest = similar(&corpus, Query::<DocText>::Paper(0), 20);
        let similar_done = start.elapsed();
        let explanation = fit.explain(&corpus, 0, &texts[0]);
        let explained = start.elapsed();
        println!(
            "round {round} wall: featurise {:.0} ms, train {:.0} ms ({:?}, {} positives), score {:.0} ms, \
             total {:.0} ms; similar {:.0} ms; explain {:.1} ms ({} scores, {} similar, {} terms up)",
            featurised.as_secs_f64() * 1e3,
            (trained - featurised).as_secs_f64() * 1e3,
            fit.mode(),
            fit.positives().len(),
            (scored - trained).as_secs_f64() * 1e3,
            scored.as_secs_f64() * 1e3,
            (similar_done - scored).as_secs_f64() * 1e3,
            (explained - similar_done).as_secs_f64() * 1e3,
            scores.len(),
            nearest.len(),
            explanation.top_up.len(),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => quality(),
        [flag, count] if flag == "--speed" => match count.parse() {
            Ok(count) => speed(count),
            Err(_) => eprintln!("fit_eval: --speed wants a number of papers, got {count:?}"),
        },
        _ => eprintln!("usage: fit_eval [--speed PAPERS]"),
    }
}
