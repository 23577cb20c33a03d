//! The per-reader model: an L2-regularised, class-balanced logistic
//! regression over the corpus's tf-idf vectors, trained by L-BFGS.
//!
//! Objective, with `z = w·x + b` and `y = ±1`:
//! `Σ c_i ln(1 + e^(−y_i z_i)) + λ/2 ‖w‖²`, where the example weights `c_i`
//! add up to ½ over positives and ½ over negatives (class balance: five
//! stars weigh as much as five hundred negatives). The bias is not
//! regularised.
//!
//! Only buckets that occur in some training paper can get a weight (the
//! gradient of every other one is its own `λw`, so it stays 0), so
//! training runs over those few thousand columns, not all 2^20.
//! Everything is sequential in a fixed order: training papers are sorted
//! by a hash of their title, so the model does not even depend on the
//! order the corpus was given in.

use super::corpus::Corpus;
use super::features::BUCKETS;

/// What the reader's marks say about one paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Starred (or, for a tag's model, tagged with it).
    Positive,
    /// Dismissed: "not interested".
    Negative,
    /// Shown to the reader, who neither starred nor dismissed it.
    WeakNegative,
    Unlabelled,
}

/// A dismissal's weight, relative to which the others are set.
const NEGATIVE_WEIGHT: f64 = 1.0;
/// A paper seen and passed over: probably not wanted, but readers star
/// sparingly, so some of these are papers they liked.
const WEAK_NEGATIVE_WEIGHT: f64 = 0.3;
/// An unlabelled paper standing in for "the rest of arXiv" (the
/// arxiv-sanity trick): most of a cache is not what one reader wants, and
/// without these five dismissals would be the model's whole idea of
/// "not this".
const BACKGROUND_WEIGHT: f64 = 0.1;
/// How many unlabelled papers serve as background, at most: enough to
/// cover the cache's common vocabulary, few enough to train in
/// milliseconds.
pub const BACKGROUND_PAPERS: usize = 2_000;

/// λ: how strongly weights are pulled to 0. With unit-length vectors and
/// example weights summing to 1, it lets a few strong terms reach margins
/// of a few units; `examples/fit_eval.rs` is the check (not tuned
/// further, to keep the synthetic data from choosing it).
const L2: f64 = 1e-3;

const MAX_ITERATIONS: usize = 200;
const HISTORY: usize = 8;

/// A trained model: one weight per bucket and a bias, in logit units.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) weights: Vec<f32>,
    pub(crate) bias: f32,
    /// `idf × weight` per bucket, what scoring multiplies counts by.
    pub(crate) scaled: Vec<f32>,
}

/// One training paper: its corpus index, ±1 and weight.
#[derive(Clone, Copy)]
struct Example {
    doc: usize,
    y: f64,
    weight: f64,
}

/// The training set the labels imply: every positive, negative and weak
/// negative, plus up to [`BACKGROUND_PAPERS`] unlabelled papers (those
/// with the smallest title hashes: a fixed, order-free sample). Weights
/// are balanced so each class sums to ½. None without a positive or
/// without a negative.
fn examples(corpus: &Corpus, labels: &[Label]) -> Option<Vec<Example>> {
    let mut background: Vec<usize> = (0..labels.len())
        .filter(|&doc| labels[doc] == Label::Unlabelled)
        .collect();
    if background.len() > BACKGROUND_PAPERS {
        background.select_nth_unstable_by_key(BACKGROUND_PAPERS, |&doc| (corpus.key(doc), doc));
        background.truncate(BACKGROUND_PAPERS);
    }
    let mut examples: Vec<Example> = labels
        .iter()
        .enumerate()
        .filter_map(|(doc, label)| {
            let (y, weight) = match label {
                Label::Positive => (1.0, 1.0),
                Label::Negative => (-1.0, NEGATIVE_WEIGHT),
                Label::WeakNegative => (-1.0, WEAK_NEGATIVE_WEIGHT),
                Label::Unlabelled => return None,
            };
            Some(Example { doc, y, weight })
        })
        .chain(background.into_iter().map(|doc| Example {
            doc,
            y: -1.0,
            weight: BACKGROUND_WEIGHT,
        }))
        .collect();
    let total = |sign: f64| {
        examples
            .iter()
            .filter(|example| example.y == sign)
            .map(|example| example.weight)
            .sum::<f64>()
    };
    let (positive, negative) = (total(1.0), total(-1.0));
    if positive == 0.0 || negative == 0.0 {
        return None;
    }
    for example in &mut examples {
        example.weight /= 2.0 * if example.y > 0.0 { positive } else { negative };
    }
    examples.sort_by_key(|example| (corpus.key(example.doc), example.doc));
    Some(examples)
}

/// The training papers' vectors over compact column numbers.
struct Matrix {
    /// Row `i` is `columns/values[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    columns: Vec<u32>,
    values: Vec<f64>,
    /// The bucket of each column.
    buckets: Vec<u32>,
}

fn matrix(corpus: &Corpus, examples: &[Example]) -> Matrix {
    let mut column_of = vec![u32::MAX; BUCKETS];
    let mut matrix = Matrix {
        starts: vec![0],
        columns: Vec::new(),
        values: Vec::new(),
        buckets: Vec::new(),
    };
    for example in examples {
        for (bucket, value) in corpus.vector(example.doc) {
            let column = &mut column_of[bucket as usize];
            if *column == u32::MAX {
                *column = matrix.buckets.len() as u32;
                matrix.buckets.push(bucket);
            }
            matrix.columns.push(*column);
            matrix.values.push(f64::from(value));
        }
        matrix.starts.push(matrix.columns.len());
    }
    matrix
}

/// `ln(1 + e^t)` without overflow.
fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

fn sigmoid(t: f64) -> f64 {
    if t >= 0.0 {
        1.0 / (1.0 + (-t).exp())
    } else {
        let e = t.exp();
        e / (1.0 + e)
    }
}

/// The objective and its gradient at `params` (weights, then the bias).
fn objective(matrix: &Matrix, examples: &[Example], params: &[f64], gradient: &mut [f64]) -> f64 {
    let (weights, bias) = params.split_at(params.len() - 1);
    gradient.fill(0.0);
    let mut loss = 0.0;
    for (i, example) in examples.iter().enumerate() {
        let row = matrix.starts[i]..matrix.starts[i + 1];
        let margin: f64 = bias[0]
            + matrix.columns[row.clone()]
                .iter()
                .zip(&matrix.values[row.clone()])
                .map(|(&column, value)| weights[column as usize] * value)
                .sum::<f64>();
        loss += example.weight * softplus(-example.y * margin);
        // d/dz of c·ln(1 + e^(−yz)) = −c·y·σ(−yz).
        let slope = -example.weight * example.y * sigmoid(-example.y * margin);
        for (&column, value) in matrix.columns[row.clone()].iter().zip(&matrix.values[row]) {
            gradient[column as usize] += slope * value;
        }
        gradient[weights.len()] += slope;
    }
    let mut squares = 0.0;
    for (g, w) in gradient.iter_mut().zip(weights) {
        *g += L2 * w;
        squares += w * w;
    }
    loss + 0.5 * L2 * squares
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises [`objective`] by L-BFGS with a backtracking (Armijo) line
/// search. Deterministic: no randomness, fixed iteration order.
fn minimise(matrix: &Matrix, examples: &[Example]) -> Vec<f64> {
    let dimension = matrix.buckets.len() + 1;
    let mut params = vec![0.0; dimension];
    let mut gradient = vec![0.0; dimension];
    let mut value = objective(matrix, examples, &params, &mut gradient);
    // (s, y, 1 / y·s) of the last HISTORY steps, oldest first.
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new();
    let mut trial = vec![0.0; dimension];
    let mut trial_gradient = vec![0.0; dimension];
    let tolerance = 1e-7;
    for _ in 0..MAX_ITERATIONS {
        let largest = gradient.iter().fold(0.0f64, |m, g| m.max(g.abs()));
        if largest < tolerance {
            break;
        }
        // Two-loop recursion: direction = −H·gradient.
        let mut direction: Vec<f64> = gradient.iter().map(|g| -g).collect();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let alpha = rho * dot(s, &direction);
            for (d, yi) in direction.iter_mut().zip(y) {
                *d -= alpha * yi;
            }
            alphas.push(alpha);
        }
        let gamma = history
            .last()
            .map_or(1.0 / largest.max(1e-12), |(s, y, _)| dot(s, y) / dot(y, y));
        for d in &mut direction {
            *d *= gamma;
        }
        for ((s, y, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
            let beta = rho * dot(y, &direction);
            for (d, si) in direction.iter_mut().zip(s) {
                *d += (alpha - beta) * si;
            }
        }
        let mut slope = dot(&gradient, &direction);
        if slope >= 0.0 {
            // Not a descent direction (rounding): restart from the gradient.
            history.clear();
            direction = gradient.iter().map(|g| -g / largest).collect();
            slope = dot(&gradient, &direction);
        }
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..30 {
            for ((t, p), d) in trial.iter_mut().zip(&params).zip(&direction) {
                *t = p + step * d;
            }
            let trial_value = objective(matrix, examples, &trial, &mut trial_gradient);
            if trial_value <= value + 1e-4 * step * slope {
                accepted = Some(trial_value);
                break;
            }
            step *= 0.5;
        }
        let Some(trial_value) = accepted else { break };
        let s: Vec<f64> = trial.iter().zip(&params).map(|(t, p)| t - p).collect();
        let y: Vec<f64> = trial_gradient
            .iter()
            .zip(&gradient)
            .map(|(t, g)| t - g)
            .collect();
        let curvature = dot(&s, &y);
        if curvature > 1e-12 {
            if history.len() == HISTORY {
                history.remove(0);
            }
            history.push((s, y, 1.0 / curvature));
        }
        std::mem::swap(&mut params, &mut trial);
        std::mem::swap(&mut gradient, &mut trial_gradient);
        let improvement = value - trial_value;
        value = trial_value;
        if improvement <= 1e-12 * value.abs().max(1.0) {
            break;
        }
    }
    params
}

impl Model {
    /// Trains on `labels` (one per corpus paper). None when the labels
    /// give no positive or no negative (not even background papers).
    pub fn train(corpus: &Corpus, labels: &[Label]) -> Option<Model> {
        let examples = examples(corpus, labels)?;
        let matrix = matrix(corpus, &examples);
        let params = minimise(&matrix, &examples);
        let mut weights = vec![0.0f32; BUCKETS];
        for (bucket, weight) in matrix.buckets.iter().zip(&params) {
            weights[*bucket as usize] = *weight as f32;
        }
        let bias = params[params.len() - 1] as f32;
        Some(Model::from_parts(corpus, weights, bias))
    }

    pub(crate) fn from_parts(corpus: &Corpus, weights: Vec<f32>, bias: f32) -> Model {
        let scaled = corpus.with_idf(&weights);
        Model {
            weights,
            bias,
            scaled,
        }
    }

    /// `w·x + b` for paper `doc`: the log-odds that the reader wants it,
    /// with both classes weighted equally.
    pub fn margin(&self, corpus: &Corpus, doc: usize) -> f32 {
        self.bias + corpus.dot(doc, &self.scaled)
    }

    pub fn weight(&self, bucket: u32) -> f32 {
        self.weights[bucket as usize]
    }

    pub fn bias(&self) -> f32 {
        self.bias
    }
}

/// The fit shown to the reader: `100 × σ(margin)`, the model's
/// probability (in percent) that the paper belongs with the starred ones.
/// 50 means undecided; equal steps in margin are equal changes in odds.
pub fn fit_of_margin(margin: f32) -> f32 {
    (100.0 * sigmoid(f64::from(margin))) as f32
}
