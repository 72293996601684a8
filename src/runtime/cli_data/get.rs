//! `guichet get`: one record by id, written with the resource's export fields (masked
//! like an export) as a JSON object or `field  value` lines.

use super::table::record;
use super::{DataError, owner, resource, stdout_is_terminal};
use crate::api::Clients;
use crate::app::export::{Format, RowWriter, Selection};
use crate::app::resources::{Accounts, Customers, Res, RowRef, Stays, Transfers, Wallets, rows};
use crate::cli::{GetArgs, OutputFormat};
use std::io::{self, BufWriter};

/// The provider read behind each resource's detail: the same calls the console's detail
/// view makes.
async fn fetch(
    c: &Clients,
    res: Res,
    id: &str,
    user: Option<&str>,
) -> Result<Vec<RowRef>, DataError> {
    Ok(if res == Res::of::<Customers>() {
        rows::<Customers>(vec![c.mascustomers()?.get_customer(id).await?])
    } else if res == Res::of::<Accounts>() {
        rows::<Accounts>(vec![c.mascustomers()?.get_account(id).await?])
    } else if res == Res::of::<Wallets>() {
        rows::<Wallets>(vec![c.pxlhub()?.get_wallet(id).await?])
    } else if res == Res::of::<Stays>() {
        rows::<Stays>(vec![c.pxlhub()?.get_stay(id).await?])
    } else if res == Res::of::<Transfers>() {
        let user = user.ok_or_else(|| {
            DataError::Usage("a transfer is read with --user (its S-money user id)".into())
        })?;
        let number: i64 = id
            .trim()
            .parse()
            .map_err(|_| DataError::Usage(format!("a transfer id is a number (got {id:?})")))?;
        rows::<Transfers>(vec![c.smoney()?.get_moneyout(user, number).await?])
    } else {
        return Err(DataError::Usage(format!(
            "{} has no single-record read",
            res.name()
        )));
    })
}

/// A read checked before anything is fetched (a usage error exits 2 without a request).
pub(super) struct Plan {
    res: Res,
    id: String,
    user: Option<String>,
    format: OutputFormat,
}

impl Plan {
    pub(super) fn new(args: &GetArgs) -> Result<Plan, DataError> {
        let res = resource(&args.resource)?;
        let user = owner(res, args.user.as_deref())?.map(|o| o.id);
        let id = args.id.trim().to_string();
        if id.is_empty() {
            return Err(DataError::Usage("the id is empty".into()));
        }
        if res == Res::of::<Transfers>() {
            if user.is_none() {
                return Err(DataError::Usage(
                    "a transfer is read with --user (its S-money user id)".into(),
                ));
            }
            if id.parse::<i64>().is_err() {
                return Err(DataError::Usage(format!(
                    "a transfer id is a number (got {id:?})"
                )));
            }
        }
        // A pipe gets one JSON object, ready for `jq`.
        let format = args.output.unwrap_or(if stdout_is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Json
        });
        Ok(Plan {
            res,
            id,
            user,
            format,
        })
    }
}

pub(super) async fn run(clients: &Clients, plan: Plan) -> Result<(), DataError> {
    let Plan {
        res,
        id,
        user,
        format,
    } = plan;
    let found = fetch(clients, res, &id, user.as_deref()).await?;
    let selection = Selection::all(res);
    let mut out = BufWriter::new(io::stdout().lock());
    if format == OutputFormat::Table {
        for row in &found {
            record(&mut out, &selection, row)?;
        }
        return Ok(());
    }
    let format = match format {
        OutputFormat::Csv => Format::Csv,
        // One record is one object, not an array of one.
        _ => Format::Ndjson,
    };
    let mut writer = RowWriter::start(out, format, selection)?;
    for row in &found {
        writer.row(row)?;
    }
    writer.finish()?;
    Ok(())
}
