//! The Hub client: what its answers mean. Pacing, back-off, the body cap and
//! headers are [`crate::http`]'s, shared with arXiv's client.

use std::path::Path;

use reqwest::StatusCode;

use super::HfSettings;
use super::parse::{HfPage, parse_daily_papers};
use super::plan::{HfRequest, request_url};
use crate::http::{Answer, HttpClient, HttpSettings, Observer, RequestError, Verdict};

/// The Hub answers JSON; anything else is still accepted so an error page
/// arrives to be quoted.
const ACCEPT: &str = "application/json, */*;q=0.5";
const PACING_REASON: &str = "a pause between requests to Hugging Face";

pub struct HfClient {
    http: HttpClient,
    api_url: String,
}

impl HfClient {
    /// `user_agent` is the one arXiv gets too: one identity for `papers`.
    /// `pacing_dir` shares the spacing of requests with other `papers`
    /// processes, as for arXiv.
    pub fn new(
        settings: &HfSettings,
        user_agent: &str,
        pacing_dir: Option<&Path>,
    ) -> anyhow::Result<Self> {
        let http = HttpSettings {
            user_agent: user_agent.to_owned(),
            accept: ACCEPT,
            timeout: settings.timeout,
            delay: settings.delay,
            retries: settings.retries,
        };
        let mut http = HttpClient::new(http, PACING_REASON)?;
        if let Some(dir) = pacing_dir {
            http.pace_with_other_processes(dir);
        }
        Ok(HfClient {
            http,
            api_url: settings.api_url.clone(),
        })
    }

    /// HTTP requests sent so far, retries included.
    pub fn requests(&self) -> u32 {
        self.http.requests()
    }

    /// One page of `daily_papers`. A body that is not the documented JSON
    /// is final (naming the field): asking again would get the same.
    pub fn daily_papers(
        &mut self,
        request: &HfRequest,
        observer: &dyn Observer,
    ) -> Result<HfPage, RequestError> {
        let url = request_url(&self.api_url, request);
        self.http
            .get(&url, observer, classify)
            .map_err(|err| match err {
                RequestError::Final(message) => RequestError::Final(format!("{url}: {message}")),
                RequestError::GaveUp { attempts, last } => RequestError::GaveUp {
                    attempts,
                    last: format!("{url}: {last}"),
                },
                // Already names the host, or the service's own words.
                other @ (RequestError::Unreachable { .. } | RequestError::Refused { .. }) => other,
            })
    }
}

fn classify(answer: &Answer) -> Verdict<HfPage> {
    let status = answer.status;
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        return Verdict::Retry {
            reason: format!("HTTP {status}"),
            retry_after: answer.retry_after,
        };
    }
    if !status.is_success() {
        return Verdict::Fail(RequestError::Final(format!("HTTP {status}")));
    }
    match parse_daily_papers(&answer.body) {
        Ok(page) => Verdict::Done(page),
        Err(err) => Verdict::Fail(RequestError::Final(format!(
            "not the documented daily_papers JSON: {err}"
        ))),
    }
}
