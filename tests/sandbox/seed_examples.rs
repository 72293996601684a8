//! The seed documents' own example requests, sent as written (changing only what cannot
//! hold in a sandbox: the ids of seeded users, stays and bank accounts, and the comment
//! line inside the S-money one-shot body), answered with the seed's field names (S-money's
//! in any case: it answers in PascalCase) and types.

use super::common::*;
use guichet::domain::Provider;
use reqwest::Method;
use serde_json::Value;

/// Every field of `seed` is in `got` (names compared without case) with the same JSON type;
/// a null in the seed says nothing of the type.
fn same_shape(seed: &Value, got: &Value, path: &str) -> Result<(), String> {
    match (seed, got) {
        (Value::Null, _) => Ok(()),
        (Value::Object(s), Value::Object(g)) => {
            for (k, sv) in s {
                let gv = g
                    .iter()
                    .find(|(gk, _)| gk.eq_ignore_ascii_case(k))
                    .map(|(_, v)| v)
                    .ok_or_else(|| format!("{path}.{k}: missing"))?;
                same_shape(sv, gv, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(s), Value::Array(g)) => match (s.first(), g.first()) {
            (Some(s0), Some(g0)) => same_shape(s0, g0, &format!("{path}[0]")),
            _ => Ok(()),
        },
        (Value::String(_), Value::String(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::Bool(_), Value::Bool(_)) => Ok(()),
        _ => Err(format!("{path}: the seed has {seed}, the sandbox {got}")),
    }
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

const SMONEY_ONESHOT: &str = r#"{
  "amount":100,
  "accountid":
  {
    "appaccountid":"123"
  },
  "bankaccount" :
  {
    "displayname" : "compte bancaire",
    "bic":"CMCIFR2A",
    "iban":"FR7613106005002000743520962",
    "ismine":true
  },
  "fee":
  {
    (renseigner soit le montant HT soit le montant TTC)
    "amount":150,
    "amountWithVAT":180,
    "VAT":20
  }
}"#;

const SMONEY_RECURRING: &str = r#"{
  "amount":100,
  "accountid":
  {
    "appaccountid":"123"
  },
  "bankaccount":
  {
    "id":42
  },
  "fee":
  {
    "amount":150,
    "amountWithVAT":180,
    "VAT":20
  }
}"#;

const SMONEY_RECURRING_ANSWER: &str = r#"{
  "id":21,
  "accountid":
  {
    "id":87,
    "appaccountid":"123",
    "displayname":"Jean Dupont",
    "href":"/api/accounts/123"
  },
  "bankaccount":
  {
    "id":42,
    "displayname":"compte bancaire",
    "bic":"CMxxxx2A",
    "iban":"FR76xxxxxxxxxxxxxxxx3520962",
    "ismine":true
  },
  "amount":100,
  "fee":
  {
    "amount":10,
    "VAT":null,
    "amountWithVAT":10,
    "status":1
  },
  "operationdate":"2013-09-10T15:49:58.791121+02:00"
}"#;

const SMONEY_ONESHOT_ANSWER: &str = r#"{
  "id":21,
  "accountid":
  {
    "id":87,
    "appaccountid":"123",
    "displayname":"Jean Dupont",
    "href":"/api/accounts/123"
  },
  "bankaccount":
  {
    "displayname":"compte bancaire",
    "bic":"CMxxx2A",
    "iban":"FR76xxxxxxxxxxxxxxxx3520962",
    "ismine":true
  },
  "amount":100,
  "fee":
  {
    "amount":150,
    "VAT":19.6,
    "amountWithVAT":179,
    "status":1
  },
  "operationdate":"2013-09-10T15:49:58.791121+02:00"
}"#;

const PXL_OPEN: &str = r#"{ "stayId": "2489E9AD-2EE2-8E00-8EC9-32D5F69181C0", "establishmentId": "2489E9AD-2EE2-8E00-8EC9-32D5F69181C0", "mode": "prepaid", "currency": "EUR", "mediumRef": "example", "creditLimitCents": "10000", "correlationId": "2489E9AD-2EE2-8E00-8EC9-32D5F69181C0" }"#;

const PXL_ANSWER: &str = r#"{
"data": {
"walletId": "2489E9AD-2EE2-8E00-8EC9-32D5F69181C0",
"alreadyOpen": true
}
}"#;

const LYRA_SDKTEST: &str = r#"{
    "value": "my testing value"
}"#;

const LYRA_ANSWER: &str = r#"{
    "webService":"Charge/SDKTest",
    "version":"V4",
    "applicationVersion":"4.1.2",
    "status":"SUCCESS",
    "answer": {
        "value":"my testing value",
        "_type":"V4/Type/String"
    },
    "ticket":null,
    "serverDate":"2018-10-02T16:13:57+00:00",
    "applicationProvider":"NPS",
    "metadata":null,
    "_type":"V4/WebService/Response"
}"#;

#[tokio::test]
async fn the_smoney_examples_round_trip() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    let oneshot: String = SMONEY_ONESHOT
        .lines()
        .filter(|l| !l.trim_start().starts_with('('))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(
            r#""appaccountid":"123""#,
            &format!(r#""appaccountid":"{}""#, f.smoney_user),
        );
    let recurring = SMONEY_RECURRING
        .replace(
            r#""appaccountid":"123""#,
            &format!(r#""appaccountid":"{}""#, f.smoney_user),
        )
        .replace(r#""id":42"#, &format!(r#""id":{}"#, f.bank_account_ids[0]));
    for (path, body, answer) in [
        ("/moneyouts/oneshot", oneshot, parse(SMONEY_ONESHOT_ANSWER)),
        (
            "/moneyouts/recurring",
            recurring,
            parse(SMONEY_RECURRING_ANSWER),
        ),
    ] {
        let (s, b) = call(
            Provider::Smoney,
            "POST",
            path,
            smoney(&base, Method::POST, path)
                .header("Content-Type", SMONEY_MEDIA)
                .body(body),
        )
        .await;
        assert_eq!(s, 201, "{path}: {b}");
        same_shape(&answer, &b, "$").unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    sb.stop().await;
}

#[tokio::test]
async fn the_pxlhub_wallet_example_round_trips() {
    let sb = fresh().await;
    let base = sb.base_url();
    let f = fixtures();
    let (_, stay) = send(pxl(
        &base,
        Method::GET,
        &format!("/stays/{}", f.stay_without_wallet_id),
    ))
    .await;
    let est = stay["data"]["establishmentId"]
        .as_str()
        .expect("establishment");
    let body = PXL_OPEN
        .replacen(
            "2489E9AD-2EE2-8E00-8EC9-32D5F69181C0",
            &f.stay_without_wallet_id.to_uppercase(),
            1,
        )
        .replacen(
            "2489E9AD-2EE2-8E00-8EC9-32D5F69181C0",
            &est.to_uppercase(),
            1,
        );
    // As written, the example gives a prepaid wallet a credit limit, which pxlhub keeps for
    // postpaid wallets: refused, saying so.
    let (s, b) = call(
        Provider::Pxlhub,
        "POST",
        "/wallets",
        pxl(&base, Method::POST, "/wallets")
            .header("Content-Type", "application/json")
            .body(body.clone()),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (400, Some("VALIDATION_ERROR")),
        "{b}"
    );
    assert!(
        b["message"]
            .as_str()
            .unwrap_or("")
            .contains("creditLimitCents"),
        "{b}"
    );
    let postpaid = body.replace(r#""mode": "prepaid""#, r#""mode": "postpaid""#);
    let answer = parse(PXL_ANSWER);
    for already in [false, true] {
        let (s, b) = call(
            Provider::Pxlhub,
            "POST",
            "/wallets",
            pxl(&base, Method::POST, "/wallets")
                .header("Content-Type", "application/json")
                .body(postpaid.clone()),
        )
        .await;
        assert_eq!(s, 200, "{b}");
        same_shape(&answer, &b, "$").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(b["data"]["alreadyOpen"], already);
    }
    sb.stop().await;
}

#[tokio::test]
async fn the_lyra_example_round_trips() {
    let base = shared();
    let (s, b) = call(
        Provider::Lyra,
        "POST",
        "/Charge/SDKTest",
        client()
            .post(format!(
                "{base}{}/Charge/SDKTest",
                guichet::sandbox::demo::LYRA_PREFIX
            ))
            .basic_auth(
                guichet::sandbox::demo::LYRA_USER,
                Some(guichet::sandbox::demo::LYRA_PASSWORD),
            )
            .header("Content-Type", "application/json")
            .body(LYRA_SDKTEST),
    )
    .await;
    assert_eq!(s, 200);
    let answer = parse(LYRA_ANSWER);
    same_shape(&answer, &b, "$").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b["answer"], answer["answer"]);
    assert!(
        same_shape(&answer, &serde_json::json!({"status": 1}), "$").is_err(),
        "the comparison can fail"
    );
}
