//! What an error says to people, in one shape for every error the app or the command line
//! shows: a plain Chinese sentence, and what sits behind “技术细节”.

/// An error a user may read.
pub trait UserError {
    /// The plain Chinese sentence a user reads: what went wrong and what to do, with no field
    /// name of a file format, algorithm or code point (`model::plain_words` checks).
    fn message(&self) -> String;

    /// What sits behind “技术细节”, for whoever looks into a file by hand: a parser's message,
    /// the browser's exception, field names. `None` when there is nothing more to say.
    fn technical(&self) -> Option<String> {
        None
    }
}
