//! The S-money client (Bearer token, vendor media type, 1-based `page`/`per_page` lists
//! without a total).

use super::wire::{ErrorWire, MoneyOutWire, UserWire};
use crate::api::decode::{from_value, lowercase_keys};
use crate::api::http::{Answer, Core, ProviderErrorBody, Request, code_text, seg};
use crate::api::raw::{RawBody, raw_body};
use crate::api::settings::Endpoint;
use crate::api::writes::{self, WireWrite};
use crate::domain::requests::NewMoneyOut;
use crate::domain::transfer::{MoneyOut, SmoneyUser};
use crate::domain::{ApiError, Page, PageRequest, Provider};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub const SMONEY_MEDIA_TYPE: &str = "application/vnd.s-money.v1+json";

/// The seed's business and validation codes, which S-money sends with HTTP 500: the request
/// was refused, so its outcome is known.
const REFUSAL_CODES: &[i64] = &[
    110, 111, 176, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 301, 302, 356, 362,
    556, 702, 703, 704,
];

/// S-money client. Cheap to clone; dropping a call's future aborts its request.
#[derive(Debug, Clone)]
pub struct SmoneyClient {
    core: Core,
}

fn parse_error(_status: u16, body: &[u8]) -> Option<ProviderErrorBody> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let w: ErrorWire = serde_json::from_value(lowercase_keys(v)).ok()?;
    let code = code_text(&w.code);
    if code.is_none() && w.errormessage.is_none() {
        return None;
    }
    let definitive = code
        .as_deref()
        .and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| REFUSAL_CODES.contains(&c));
    Some(ProviderErrorBody {
        code,
        message: w.errormessage,
        trace_id: None,
        definitive,
    })
}

fn decode_ci<T: DeserializeOwned>(answer: &Answer) -> Result<T, ApiError> {
    let value = answer.value()?;
    from_value(Provider::Smoney, lowercase_keys(value), "").map_err(|e| answer.fail(e))
}

impl SmoneyClient {
    pub fn new(http: reqwest::Client, endpoint: &Endpoint) -> Result<Self, ApiError> {
        Ok(SmoneyClient {
            core: Core::new(
                Provider::Smoney,
                http,
                endpoint,
                parse_error,
                SMONEY_MEDIA_TYPE,
            )?,
        })
    }

    pub(crate) fn core(&self) -> &Core {
        &self.core
    }

    /// S-money counts pages from 1; ours from 0.
    fn paged(req: Request, page: &PageRequest) -> Request {
        req.query("page", (u64::from(page.page) + 1).to_string())
            .query("per_page", page.size.to_string())
            .query_opt("sort", page.sort.as_ref().map(|s| s.to_query()))
    }

    /// `GET /users?page&per_page`.
    pub async fn list_users(&self, page: &PageRequest) -> Result<Page<SmoneyUser>, ApiError> {
        let req = Self::paged(Request::get("/users"), page);
        let users: Vec<UserWire> = decode_ci(&self.core.send(req).await?)?;
        let items = users.into_iter().map(SmoneyUser::from).collect();
        Ok(Page::without_total(items, page.page, page.size))
    }

    /// `GET /users/{id}/moneyouts?page&per_page&sort`; sort fields `operationdate`,
    /// `amount`, `id`.
    pub async fn list_moneyouts(
        &self,
        app_user_id: &str,
        page: &PageRequest,
    ) -> Result<Page<MoneyOut>, ApiError> {
        let req = Self::paged(
            Request::get(format!("/users/{}/moneyouts", seg(app_user_id))),
            page,
        );
        let list: Vec<MoneyOutWire> = decode_ci(&self.core.send(req).await?)?;
        let items = list.into_iter().map(MoneyOut::from).collect();
        Ok(Page::without_total(items, page.page, page.size))
    }

    /// The moneyout numbered `id`, whoever's it is, with its user: `GET /users?moneyout_id`
    /// (a search the sandbox adds; a provider without it answers 400), then the moneyout.
    /// `None` when no user has it.
    pub async fn find_moneyout(&self, id: i64) -> Result<Option<(String, MoneyOut)>, ApiError> {
        let req = Request::get("/users").query("moneyout_id", id.to_string());
        let users: Vec<UserWire> = decode_ci(&self.core.send(req).await?)?;
        let Some(user) = users.into_iter().map(SmoneyUser::from).next() else {
            return Ok(None);
        };
        let transfer = self.get_moneyout(&user.app_user_id, id).await?;
        Ok(Some((user.app_user_id, transfer)))
    }

    pub async fn get_moneyout(&self, app_user_id: &str, id: i64) -> Result<MoneyOut, ApiError> {
        Ok(self.get_moneyout_raw(app_user_id, id).await?.0)
    }

    /// The moneyout and the answer as S-money sent it (for the raw view).
    pub async fn get_moneyout_raw(
        &self,
        app_user_id: &str,
        id: i64,
    ) -> Result<(MoneyOut, RawBody), ApiError> {
        let req = Request::get(format!("/users/{}/moneyouts/{id}", seg(app_user_id)));
        let answer = self.core.send(req).await?;
        let w: MoneyOutWire = decode_ci(&answer)?;
        Ok((w.into(), raw_body(&answer)))
    }

    /// `POST /users/{id}/moneyouts/oneshot`, built by [`writes::moneyout_oneshot`]. Not
    /// idempotent: sent exactly once. A lost answer comes back as `outcome_unknown`; list the
    /// moneyouts before sending again.
    pub async fn create_oneshot(
        &self,
        app_user_id: &str,
        new: &NewMoneyOut,
    ) -> Result<MoneyOut, ApiError> {
        self.send_oneshot(&writes::moneyout_oneshot(app_user_id, new))
            .await
    }

    /// Sends a prepared one-shot moneyout.
    pub async fn send_oneshot(&self, write: &WireWrite) -> Result<MoneyOut, ApiError> {
        let w: MoneyOutWire = decode_ci(&writes::send(&self.core, write).await?)?;
        Ok(w.into())
    }
}
