//! What every overlay and input line shares: the modal frame (cleared, bordered, titled, key
//! hints in the bottom border, the terminal cursor inside it) and the one-line text input
//! (a label, the value scrolled to keep the cursor in view, the cursor on it).

use super::Theme;
use super::sanitize;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use tui_input::Input;

/// A panel drawn over whatever is under it.
pub(crate) struct Modal<'a> {
    pub border: Style,
    pub title: Option<Span<'a>>,
    pub hints: Option<Line<'a>>,
}

impl<'a> Modal<'a> {
    pub(crate) fn new(border: Style) -> Modal<'a> {
        Modal {
            border,
            title: None,
            hints: None,
        }
    }

    pub(crate) fn title(mut self, title: Span<'a>) -> Modal<'a> {
        self.title = Some(title);
        self
    }

    pub(crate) fn hints(mut self, hints: Line<'a>) -> Modal<'a> {
        self.hints = Some(hints);
        self
    }

    /// Clears `rect` and draws the frame with `body` inside; the terminal cursor goes to
    /// `cursor` (line, column inside the frame) when that falls inside it.
    pub(crate) fn render(
        self,
        frame: &mut Frame,
        rect: Rect,
        body: Paragraph<'a>,
        cursor: Option<(usize, usize)>,
        theme: &Theme,
    ) {
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.border)
            .style(theme.overlay);
        if let Some(title) = self.title {
            block = block.title(title);
        }
        if let Some(hints) = self.hints {
            block = block.title_bottom(hints);
        }
        frame.render_widget(Clear, rect);
        frame.render_widget(body.block(block), rect);
        if let Some((line, col)) = cursor {
            let x = u16::try_from(col).map_or(u16::MAX, |c| rect.x.saturating_add(1 + c));
            let y = u16::try_from(line).map_or(u16::MAX, |l| rect.y.saturating_add(1 + l));
            if x < rect.right().saturating_sub(1) && y < rect.bottom().saturating_sub(1) {
                frame.set_cursor_position(Position::new(x, y));
            }
        }
    }
}

/// One line of text input: `label`, then the value (scrolled so the cursor stays in view,
/// cleaned of control characters); the terminal cursor goes on it when `focused`.
pub(crate) struct LineInput<'a, 'i> {
    pub label: Span<'a>,
    pub input: &'i Input,
    pub text: Style,
    pub focused: bool,
    /// The style of the whole line.
    pub style: Style,
}

impl<'a> LineInput<'a, '_> {
    /// Draws the line over `area`, followed by what `after` adds given the columns used so
    /// far.
    pub(crate) fn render(
        self,
        frame: &mut Frame,
        area: Rect,
        after: impl FnOnce(usize) -> Option<Span<'a>>,
    ) {
        let label_w = sanitize::width(&self.label.content);
        let room = usize::from(area.width).saturating_sub(label_w + 1);
        let scroll = self.input.visual_scroll(room);
        let value: String = self.input.value().chars().skip(scroll).collect();
        let value = sanitize::fit(&value, room);
        let used = label_w + sanitize::width(&value);
        let mut spans = vec![self.label, Span::styled(value, self.text)];
        spans.extend(after(used));
        frame.render_widget(Paragraph::new(Line::from(spans)).style(self.style), area);
        if self.focused {
            let col = label_w + self.input.visual_cursor().saturating_sub(scroll);
            let x = u16::try_from(col).map_or(u16::MAX, |c| area.x.saturating_add(c));
            frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::ColorDepth;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn theme() -> Theme {
        Theme::builtin("dark", ColorDepth::Ansi16).unwrap()
    }

    fn cursor_after(draw: impl FnOnce(&mut Frame)) -> Option<Position> {
        let mut terminal = Terminal::new(TestBackend::new(20, 6)).unwrap();
        terminal.draw(draw).unwrap();
        let backend = terminal.backend();
        backend.cursor_visible().then(|| backend.cursor_position())
    }

    #[test]
    fn the_modal_cursor_stays_inside_its_frame() {
        let rect = Rect::new(2, 1, 10, 4);
        let at = |cursor| {
            cursor_after(|f| {
                Modal::new(Style::default()).render(f, rect, Paragraph::new("x"), cursor, &theme())
            })
        };
        assert_eq!(at(Some((1, 3))), Some(Position::new(6, 3)));
        assert_eq!(at(Some((0, 8))), None, "on the right border");
        assert_eq!(at(Some((2, 0))), None, "on the bottom border");
        assert_eq!(at(None), None);
    }

    #[test]
    fn a_long_value_scrolls_to_keep_the_cursor_on_the_line() {
        let input = Input::new("0123456789abcdefghij".into());
        let area = Rect::new(0, 0, 12, 1);
        let cursor = cursor_after(|f| {
            LineInput {
                label: Span::raw("/ "),
                input: &input,
                text: Style::default(),
                focused: true,
                style: Style::default(),
            }
            .render(f, area, |_| None);
        });
        assert_eq!(cursor, Some(Position::new(11, 0)));
    }
}
