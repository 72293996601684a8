//! Shared helpers: a wiremock server with the clients pointed at it, and the WIRE.md bodies.

use guichet::api::{ApiSettings, Clients};
use std::time::Duration;
use wiremock::MockServer;

pub async fn server() -> MockServer {
    MockServer::start().await
}

/// The demo profile against `base`, with short timeouts so fault tests stay quick.
pub fn settings(base: &str) -> ApiSettings {
    let mut s = guichet::runtime::setup::demo_settings(base);
    s.connect_timeout = Duration::from_secs(2);
    s.request_timeout = Duration::from_secs(3);
    s
}

pub fn clients(server: &MockServer) -> Clients {
    Clients::new(&settings(&server.uri())).expect("clients")
}

pub const MAS: &str = "/customers/v4/orgs/telco";
pub const PXL: &str = "/pms/v1";
pub const SMONEY: &str = "/smoney/api/sandbox";
pub const LYRA: &str = "/lyra/api-payment/V4";
pub const MONEXT: &str = "/monext/v1";

pub const IBAN: &str = "FR7630006000011234567890189";
pub const PAN: &str = "4970101234567890";

pub fn customer_json(id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "external_id": "C-000123", "type": "INDIVIDUAL", "segment": "RESIDENTIAL",
        "name": "Élodie Martin", "email": "elodie.martin@example.fr", "phone": "+33 6 12 34 56 78",
        "created_at": "2024-03-01T10:00:00Z", "special_treatment": ["VIP"],
        "categories": ["fiber", "mobile"]
    })
}

pub fn account_json(id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "customer_id": "8f0e0000-0000-4000-8000-000000000001", "modality": "POSTPAID",
        "status": "ACTIVE", "created_at": "2024-03-02T08:30:00Z",
        "billing_address": {"street": "12 rue Oberkampf", "postal_code": "75011", "city": "Paris", "country": "FR"},
        "payment_method": {"type": "DIRECT_DEBIT", "details": {"iban": IBAN}}
    })
}

pub fn wallet_json(id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "stayId": "5a1e0000-0000-4000-8000-000000000001",
        "establishmentId": "e5000000-0000-4000-8000-000000000001", "mode": "prepaid",
        "currency": "EUR", "balanceCents": "12345", "creditLimitCents": null,
        "mediumRef": "BR-004512", "status": "open", "openedAt": "2026-11-19T14:02:00Z"
    })
}

pub fn moneyout_json(id: i64) -> serde_json::Value {
    serde_json::json!({
        "Id": id,
        "AccountId": {"Id": 98, "AppAccountId": "C-000123", "DisplayName": "Élodie Martin", "Href": "/api/accounts/C-000123"},
        "BankAccount": {"Id": 42, "DisplayName": "Compte courant", "Bic": "CMCIFR2A", "Iban": IBAN, "IsMine": true},
        "Amount": 2350,
        "Fee": {"Amount": 150, "VAT": 20.0, "AmountWithVAT": 180, "Status": 1},
        "OperationDate": "2025-03-10T15:49:58.791+01:00"
    })
}

pub fn lyra_envelope(service: &str, status: &str, answer: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "webService": service, "version": "V4", "applicationVersion": "4.1.2", "status": status,
        "answer": answer, "ticket": null, "serverDate": "2026-11-21T05:00:00+00:00",
        "applicationProvider": "NPS", "metadata": null, "_type": "V4/WebService/Response"
    })
}

/// Performs `request` as the console does: its wire request built once by the api layer
/// (as the confirmation shows it), then journaled and sent.
pub async fn perform_write(
    clients: &Clients,
    ctx: &guichet::runtime::writes::AuditContext,
    request: &guichet::app::form::WriteRequest,
    summary: &guichet::app::form::AuditSummary,
) -> Result<guichet::app::form::WriteOk, guichet::domain::ApiError> {
    let wire = request.wire(clients.mascustomers_org());
    guichet::runtime::writes::perform(clients, ctx, request, &wire, summary).await
}
