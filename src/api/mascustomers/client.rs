//! The MasCustomers v4 client (Bearer token, paths under `/orgs/{org}`).

use super::wire::{
    AccountIdsWire, AccountWire, BillingHistoryWire, CustomerWire, ErrorWire, HistoryWire,
    ListWire, PaymentMethodsWire, PromotionWire,
};
use crate::api::http::{Core, ProviderErrorBody, Request, code_text, seg};
use crate::api::raw::{RawBody, raw_body};
use crate::api::settings::Endpoint;
use crate::api::writes::{self, WireWrite};
use crate::domain::customer::{
    Account, BillingAddressRecord, Customer, PaymentMethodType, Promotion, PromotionFilter,
    PromotionHistoryEntry,
};
use crate::domain::requests::PaymentMethodChange;
use crate::domain::{ApiError, Page, PageRequest, Provider};
use chrono::NaiveDate;
use serde_json::Value;

/// MasCustomers v4 client. Cheap to clone; dropping a call's future aborts its request.
#[derive(Debug, Clone)]
pub struct MasCustomersClient {
    core: Core,
    org: String,
}

fn parse_error(_status: u16, body: &[u8]) -> Option<ProviderErrorBody> {
    let w: ErrorWire = serde_json::from_slice(body).ok()?;
    let code = code_text(&w.code);
    if code.is_none() && w.message.is_none() {
        return None;
    }
    let detail = match w.detail_msg {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    };
    let message = match (w.message, detail) {
        (Some(m), Some(d)) if m != d => Some(format!("{m}: {d}")),
        (Some(m), _) => Some(m),
        (None, d) => d,
    };
    Some(ProviderErrorBody {
        code,
        message,
        trace_id: None,
        definitive: false,
    })
}

impl MasCustomersClient {
    pub fn new(http: reqwest::Client, endpoint: &Endpoint, org: &str) -> Result<Self, ApiError> {
        Ok(MasCustomersClient {
            core: Core::new(
                Provider::Mascustomers,
                http,
                endpoint,
                parse_error,
                "application/json",
            )?,
            org: org.to_string(),
        })
    }

    pub(crate) fn core(&self) -> &Core {
        &self.core
    }

    fn path(&self, rest: &str) -> String {
        format!("/orgs/{}{rest}", seg(&self.org))
    }

    /// `GET /orgs/{org}/customers?size&page&sort&q`.
    pub async fn list_customers(
        &self,
        page: &PageRequest,
        q: Option<&str>,
    ) -> Result<Page<Customer>, ApiError> {
        let req = Request::get(self.path("/customers"))
            .page(page)
            .query_opt("q", q.filter(|s| !s.trim().is_empty()));
        let mut list: ListWire<CustomerWire> = self.core.send(req).await?.decode()?;
        let items = std::mem::take(&mut list.items)
            .into_iter()
            .map(Customer::from)
            .collect();
        Ok(Page::from_parts(items, page, list.record_total))
    }

    pub async fn get_customer(&self, id: &str) -> Result<Customer, ApiError> {
        Ok(self.get_customer_raw(id).await?.0)
    }

    /// The customer and the answer as MasCustomers sent it (for the raw view).
    pub async fn get_customer_raw(&self, id: &str) -> Result<(Customer, RawBody), ApiError> {
        let req = Request::get(self.path(&format!("/customers/{}", seg(id))));
        let answer = self.core.send(req).await?;
        let w: CustomerWire = answer.decode()?;
        Ok((w.into(), raw_body(&answer)))
    }

    pub async fn customer_account_ids(&self, customer_id: &str) -> Result<Vec<String>, ApiError> {
        let req = Request::get(self.path(&format!("/customers/{}/accounts", seg(customer_id))));
        let w: AccountIdsWire = self.core.send(req).await?.decode()?;
        Ok(w.account_ids)
    }

    /// `GET /orgs/{org}/accounts?size&page&sort&customer_id`.
    pub async fn list_accounts(
        &self,
        page: &PageRequest,
        customer_id: Option<&str>,
    ) -> Result<Page<Account>, ApiError> {
        let req = Request::get(self.path("/accounts"))
            .page(page)
            .query_opt("customer_id", customer_id);
        let answer = self.core.send(req).await?;
        let mut list: ListWire<AccountWire> = answer.decode()?;
        let items = std::mem::take(&mut list.items)
            .into_iter()
            .enumerate()
            .map(|(i, a)| a.into_domain(&format!("items[{i}].")))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| answer.fail(e))?;
        Ok(Page::from_parts(items, page, list.record_total))
    }

    /// `GET /orgs/{org}/accounts?last4`: the accounts whose IBAN or card ends with `last4`
    /// (a search the sandbox adds; a provider without it answers 400).
    pub async fn search_accounts_last4(
        &self,
        page: &PageRequest,
        last4: &str,
    ) -> Result<Page<Account>, ApiError> {
        let req = Request::get(self.path("/accounts"))
            .page(page)
            .query("last4", last4.to_string());
        let answer = self.core.send(req).await?;
        let mut list: ListWire<AccountWire> = answer.decode()?;
        let items = std::mem::take(&mut list.items)
            .into_iter()
            .enumerate()
            .map(|(i, a)| a.into_domain(&format!("items[{i}].")))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| answer.fail(e))?;
        Ok(Page::from_parts(items, page, list.record_total))
    }

    pub async fn get_account(&self, id: &str) -> Result<Account, ApiError> {
        Ok(self.get_account_raw(id).await?.0)
    }

    /// The account and the answer as MasCustomers sent it (for the raw view).
    pub async fn get_account_raw(&self, id: &str) -> Result<(Account, RawBody), ApiError> {
        let req = Request::get(self.path(&format!("/accounts/{}", seg(id))));
        let answer = self.core.send(req).await?;
        let w: AccountWire = answer.decode()?;
        let account = w.into_domain("").map_err(|e| answer.fail(e))?;
        Ok((account, raw_body(&answer)))
    }

    pub async fn available_payment_methods(
        &self,
        customer_id: &str,
        account_id: &str,
    ) -> Result<Vec<PaymentMethodType>, ApiError> {
        let req = Request::get(self.path(&format!(
            "/customers/{}/accounts/{}/payment-methods",
            seg(customer_id),
            seg(account_id)
        )));
        let w: PaymentMethodsWire = self.core.send(req).await?.decode()?;
        Ok(w.payment_methods)
    }

    /// `PATCH …/payment-method`, built by [`writes::change_payment_method`]. Sent once: on
    /// a lost answer, read the account again.
    pub async fn change_payment_method(
        &self,
        account_id: &str,
        change: &PaymentMethodChange,
    ) -> Result<(), ApiError> {
        let write = writes::change_payment_method(&self.org, account_id, change);
        self.send_patch(&write).await
    }

    /// Billing address history, newest first; `from`/`to` bound the create stamp.
    pub async fn billing_addresses(
        &self,
        account_id: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<BillingAddressRecord>, ApiError> {
        let req =
            Request::get(self.path(&format!("/accounts/{}/billing-addresses", seg(account_id))))
                .query_opt("from", from.map(|d| d.format("%Y-%m-%d").to_string()))
                .query_opt("to", to.map(|d| d.format("%Y-%m-%d").to_string()));
        let w: BillingHistoryWire = self.core.send(req).await?.decode()?;
        Ok(w.billing_addresses.into_iter().map(Into::into).collect())
    }

    pub async fn promotions(
        &self,
        account_id: &str,
        filter: &PromotionFilter,
    ) -> Result<Vec<Promotion>, ApiError> {
        let req = Request::get(self.path(&format!("/accounts/{}/promotions", seg(account_id))))
            .query("account_promotion_type", filter.as_str());
        let w: Vec<PromotionWire> = self.core.send(req).await?.decode()?;
        Ok(w.into_iter().map(Into::into).collect())
    }

    pub async fn promotion_history(
        &self,
        account_id: &str,
        start_date: Option<NaiveDate>,
    ) -> Result<Vec<PromotionHistoryEntry>, ApiError> {
        let req =
            Request::get(self.path(&format!("/accounts/{}/promotions/history", seg(account_id))))
                .query_opt(
                    "start_date",
                    start_date.map(|d| d.format("%Y-%m-%d").to_string()),
                );
        let w: Vec<HistoryWire> = self.core.send(req).await?.decode()?;
        Ok(w.into_iter().map(Into::into).collect())
    }

    /// `PATCH …/promotions/{id}` with a cancellation date, built by
    /// [`writes::cancel_promotion`]. Sent once.
    pub async fn cancel_promotion(
        &self,
        account_id: &str,
        promotion_id: &str,
        cancellation_date: NaiveDate,
    ) -> Result<(), ApiError> {
        let write =
            writes::cancel_promotion(&self.org, account_id, promotion_id, cancellation_date);
        self.send_patch(&write).await
    }

    /// Sends a prepared PATCH (payment method, promotion cancellation): 204, no body read.
    pub async fn send_patch(&self, write: &WireWrite) -> Result<(), ApiError> {
        writes::send(&self.core, write).await.map(drop)
    }

    /// The organisation every path is under.
    pub fn org(&self) -> &str {
        &self.org
    }
}
