//! The public methods every form gets from its `FormLogic`, generated so the three forms
//! offer the same API without a public trait.

/// Generates the public API of a form from its `FormLogic`.
macro_rules! form_api {
    ($ty:ty) => {
        impl $ty {
            /// The key-map scope to resolve the next key with.
            pub fn scope(&self) -> $crate::app::keymap::Scope {
                $crate::app::form::machine::scope(self)
            }

            /// A key, with its action resolved by the caller in `scope()`.
            pub fn handle_key(
                &mut self,
                key: $crate::app::key::Key,
                action: Option<$crate::app::keymap::Action>,
            ) -> $crate::app::form::FormOutcome {
                $crate::app::form::machine::handle_key(self, key, action)
            }

            /// Bracketed paste into the focused input.
            pub fn paste(&mut self, text: &str) -> $crate::app::form::FormOutcome {
                $crate::app::form::machine::paste(self, text)
            }

            /// The answer to a `FormOutcome::Submit`.
            pub fn submitted(
                &mut self,
                result: Result<$crate::app::form::WriteOk, $crate::domain::ApiError>,
            ) -> $crate::app::form::FormOutcome {
                $crate::app::form::machine::submitted(self, result)
            }

            /// The answer to a `FormOutcome::Reread`: whether the write turned out applied.
            pub fn reread_done(&mut self, applied: bool, message: String) {
                $crate::app::form::machine::reread_done(self, applied, message)
            }

            /// Shows `message` under the fields.
            pub fn set_notice(&mut self, message: String) {
                $crate::app::form::machine::set_notice(self, message)
            }

            /// What to log for an attempt (masked).
            pub fn audit_summary(&self) -> $crate::app::form::AuditSummary {
                $crate::app::form::machine::audit_summary(self)
            }

            pub fn submission(&self) -> &$crate::app::form::Submission {
                &self.core.submission
            }

            /// The shared state (fields, focus, notices), read-only.
            pub fn core(&self) -> &$crate::app::form::FormCore {
                &self.core
            }

            /// The view model the UI renders.
            pub fn view(
                &self,
                keymap: &$crate::app::keymap::Keymap,
            ) -> $crate::app::form::FormView {
                $crate::app::form::view::build(self, keymap)
            }
        }
    };
}
pub(crate) use form_api;
