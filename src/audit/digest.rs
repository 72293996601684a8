//! Keyed digests of the sensitive values a write sent (an IBAN), so the journal can later
//! tell whether a re-read value is the one sent without ever holding it: HMAC-SHA-256 with a
//! random key kept beside the journal in a file only its owner reads. A plain hash would not
//! do: IBANs are few enough to be tried one by one against it from the journal alone.

use std::fs::OpenOptions;
use std::io::{self, Read, Write};
use std::path::Path;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::logging::create_private_dir;

/// The key's file, in the journal's folder.
pub const KEY_FILE: &str = "digest.key";

/// How a digest starts in the journal, naming how it was made.
pub const PREFIX: &str = "hmac-sha256:";

const KEY_LEN: usize = 32;

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes a key of any length, so this never fails.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The folder's key: read, or made (random, 0600) the first time. Two consoles making it
/// at once agree: each writes its key in a file of its own, then links it under the key's
/// name, which only the first link gets; the other reads the winner's, whole.
pub fn key(dir: &Path) -> io::Result<Vec<u8>> {
    let path = dir.join(KEY_FILE);
    match read_key(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        other => return other,
    }
    create_private_dir(dir)?;
    let own = dir.join(format!("{KEY_FILE}.{}.new", uuid::Uuid::new_v4().simple()));
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let key = random_key()?;
    let written = options.open(&own).and_then(|mut file| {
        file.write_all(&key)?;
        file.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&own, &path));
    let _ = std::fs::remove_file(&own);
    match linked {
        Ok(()) => Ok(key),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => read_key(&path),
        Err(e) => Err(e),
    }
}

fn read_key(path: &Path) -> io::Result<Vec<u8>> {
    let mut key = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut key)?;
    if key.len() < KEY_LEN {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is shorter than a key", path.display()),
        ));
    }
    Ok(key)
}

/// 32 bytes from the system's random source.
fn random_key() -> io::Result<Vec<u8>> {
    let mut key = vec![0u8; KEY_LEN];
    getrandom::fill(&mut key).map_err(|e| io::Error::other(format!("no random source: {e}")))?;
    Ok(key)
}

/// The journal's digest of `value` under the folder's key: `hmac-sha256:<hex>`.
pub fn digest(dir: &Path, value: &str) -> io::Result<String> {
    let key = key(dir)?;
    Ok(digest_with(&key, value))
}

/// The digest of `value` under `key`.
pub fn digest_with(key: &[u8], value: &str) -> String {
    let mac = hmac_sha256(key, value.as_bytes());
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    format!("{PREFIX}{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 1.
        assert_eq!(
            hex(&hmac_sha256(&[0x0b; 20], b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        // Test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than a block is hashed first.
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn the_key_is_made_once_private_and_random() {
        let dir = tempfile::tempdir().expect("a folder");
        let first = digest(dir.path(), "FR7630006000011234567890189").expect("digest");
        assert!(first.starts_with(PREFIX));
        assert!(!first.contains("FR76"));
        assert_eq!(
            digest(dir.path(), "FR7630006000011234567890189").expect("digest"),
            first,
            "the same key the second time"
        );
        assert_ne!(
            digest(dir.path(), "FR7630006000019876543210123").expect("digest"),
            first
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .expect("the key file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let other = tempfile::tempdir().expect("a folder");
        assert_ne!(
            digest(other.path(), "FR7630006000011234567890189").expect("digest"),
            first,
            "each folder has its own key"
        );
    }

    #[test]
    fn consoles_making_the_key_at_once_all_get_the_same_whole_key() {
        let dir = tempfile::tempdir().expect("a folder");
        let keys: Vec<Vec<u8>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8).map(|_| scope.spawn(|| key(dir.path()))).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("no panic").expect("a key"))
                .collect()
        });
        assert!(keys.iter().all(|k| k.len() == KEY_LEN && *k == keys[0]));
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("the folder")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, [KEY_FILE], "no file of its own left behind");
    }
}
