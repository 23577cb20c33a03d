//! `TestEnv`: a temporary config, cache and data directory, and the real
//! binary run against them.

use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;

use super::stub::ArxivStub;

/// A temporary home for one test: config file, cache dir, and a way to run
/// the real binary against them with nothing from the user's own setup.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A config pointing at `stub` with fast, test-sized settings (a 10 ms
    /// delay: tests of pacing set their own); `overrides` holds
    /// `key = value` lines replacing those [arxiv] defaults.
    pub fn with_stub_config(stub: &ArxivStub, overrides: &str, topics: &str) -> Self {
        let api_url = format!("\"{}\"", stub.base_url);
        let mut settings: Vec<(&str, String)> = vec![
            ("api_url", api_url),
            ("delay_secs", "0.01".into()),
            ("page_size", "10".into()),
            ("max_results", "20".into()),
            ("timeout_secs", "5".into()),
            ("retries", "2".into()),
        ];
        for line in overrides.lines().filter(|line| !line.trim().is_empty()) {
            let (key, value) = line.split_once('=').expect("override is key = value");
            match settings.iter_mut().find(|(name, _)| *name == key.trim()) {
                Some(setting) => setting.1 = value.trim().to_owned(),
                None => settings.push((key.trim(), value.trim().to_owned())),
            }
        }
        let arxiv: String = settings
            .iter()
            .map(|(key, value)| format!("{key} = {value}\n"))
            .collect();
        let env = TestEnv::new();
        // Hugging Face off unless a test turns it on: it has its own tests
        // (`huggingface`), and the rest count arXiv's requests alone.
        env.write_config(&format!(
            "[arxiv]\n{arxiv}\n[huggingface]\nenabled = false\n\n{topics}"
        ));
        env
    }

    /// [`TestEnv::with_stub_config`] with Hugging Face read from `stub` too,
    /// with no pause between requests and `hf_retries` retries.
    pub fn with_hf_stub_config(stub: &ArxivStub, hf_retries: u32, topics: &str) -> Self {
        let env = TestEnv::with_stub_config(stub, "", "");
        let text = std::fs::read_to_string(env.config_path()).expect("config");
        let hf = format!(
            "[huggingface]\nenabled = true\napi_url = \"{}\"\ndelay_secs = 0\nretries = {hf_retries}\n",
            stub.hf_api_url()
        );
        env.write_config(&format!(
            "{}\n{topics}",
            text.replace("[huggingface]\nenabled = false\n", &hf)
        ));
        env
    }

    /// What `papers fetch` stored from Hugging Face.
    pub fn hf_file(&self) -> PathBuf {
        self.cache_dir().join("huggingface.json")
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// Where stars, tags and seen marks live.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn cache_file(&self) -> PathBuf {
        self.cache_dir().join("papers.json")
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_path(), text).expect("write config");
    }

    /// `papers` with this env's config and cache, and no colour or terminal.
    pub fn papers(&self) -> Command {
        let mut cmd = Command::cargo_bin("papers").expect("papers binary");
        cmd.env_clear()
            .env("PAPERS_CONFIG", self.config_path())
            .env("PAPERS_CACHE_DIR", self.cache_dir())
            .env("PAPERS_DATA_DIR", self.data_dir())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("xdg-cache"))
            .env("NO_COLOR", "1")
            // A safety net: an https request (a real host, never the
            // loopback stub) goes to a closed port and fails at once.
            .env("HTTPS_PROXY", "http://127.0.0.1:9")
            .timeout(Duration::from_secs(60));
        cmd
    }

    /// The cache as one JSON object: the index `papers.json` with a
    /// `papers` map (id → stored paper) gathered from every shard it names.
    pub fn cache_json(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.cache_file()).expect("cache file");
        let mut index: serde_json::Value = serde_json::from_str(&text).expect("index parses");
        let mut papers = serde_json::Map::new();
        let shards = index["shards"].as_object().cloned().unwrap_or_default();
        for meta in shards.values() {
            let file = meta["file"].as_str().expect("shard file name");
            let path = self.cache_dir().join("shards").join(file);
            let text = std::fs::read_to_string(&path).expect("shard file");
            let shard: serde_json::Value = serde_json::from_str(&text).expect("shard parses");
            for paper in shard["papers"].as_array().expect("shard papers") {
                let id = paper["paper"]["id"].as_str().expect("id").to_owned();
                papers.insert(id, paper.clone());
            }
        }
        index["papers"] = serde_json::Value::Object(papers);
        // A fetch that stores nothing records its attempt here only; these
        // tests run one binary, so this file is never older than the index.
        let state = self.cache_dir().join("fetch-state.json");
        if let Ok(text) = std::fs::read_to_string(&state) {
            let state: serde_json::Value = serde_json::from_str(&text).expect("fetch state parses");
            index["topics"] = state["topics"].clone();
            index["last_fetch"] = state["last_fetch"].clone();
        }
        index
    }
}
