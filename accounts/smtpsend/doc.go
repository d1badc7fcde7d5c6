// Package smtpsend is the workspace Inbox's Mailer: it composes replies with
// accounts/mime, submits them over SMTP (go-smtp, implicit TLS or STARTTLS with the
// certificate verified by mailconn's policy, plaintext only to loopback, AUTH PLAIN with
// the password from the keyring), appends a copy to the account's Sent folder and looks
// a Message-ID up there when a submission's fate is unknown.
//
// A Mailer is bound to one workspace and only sends from that workspace's accounts: a
// submission naming another workspace or an account this workspace's database does not
// have is refused before any connection is made (the second half of the wrong-brand
// guard; the outbox checks the same before calling it).
//
// Errors are *outbox.SendError saying whether retrying is safe: failures before the final
// "." of DATA are Temporary or Permanent by the server's code; a connection lost after
// it is Unknown, because the server may have taken the message.
package smtpsend
