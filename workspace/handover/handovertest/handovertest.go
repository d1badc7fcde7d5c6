// Package handovertest seeds a workspace with one fixed, fully known shift: mail in and
// out, triage, an abuse step, a scheduled reply, an FAQ change, journal entries and a
// handover note, all at fixed times with fixed global ids, so a shift note made from it
// is the same on every run (golden files) and an export of it can be compared piece by
// piece after an import.
package handovertest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/faq"
	"switchboard/workspace/handover"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
	"switchboard/workspace/schedule"
)

// Shift times: the shift runs from Start to Now (09:00 to 17:00 UTC, 10:00 to 18:00 in
// Stockholm).
var (
	Start = time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	Now   = time.Date(2026, 3, 3, 17, 0, 0, 0, time.UTC)
)

// Brand is the seeded account's address.
const Brand = "hello@nordlys.example"

// Seeded is what Seed made, for tests to find it again.
type Seeded struct {
	Conversations map[string]int64 // by a short name: "parcel", "bitter", "decaf", "rude", "wholesale"
	Inbox         *inbox.Store
}

// Seed fills w (a fresh workspace in Europe/Stockholm) with the shift.
func Seed(t testing.TB, w *workspace.Workspace) Seeded {
	t.Helper()
	ctx := context.Background()
	clock := Start
	opts := inboxcore.Options{Agent: "Anna Lind", Now: func() time.Time { return clock }}
	s, out, people := inbox.NewStore(w, opts), outbox.New(w, opts), contacts.New(w, opts)
	store := mail.Open(w)
	acct, err := store.AddAccount(ctx, mail.Account{Email: Brand, DisplayName: "Nordlys Coffee", Username: Brand,
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain},
		SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	must(t, err)
	inboxF, err := store.EnsureFolder(ctx, acct.ID, "INBOX", mail.RoleInbox)
	must(t, err)
	sentF, err := store.EnsureFolder(ctx, acct.ID, "Sent", mail.RoleSent)
	must(t, err)
	uid := uint32(0)
	deliver := func(fromName, from, subject, body string, at time.Time, inReplyTo string) string {
		uid++
		id := fmt.Sprintf("m%02d@example.test", uid)
		folder, to := inboxF, []mail.Address{{Name: "Nordlys Coffee", Email: Brand}}
		if from == Brand {
			folder, to = sentF, []mail.Address{{Email: "customer@example.test"}}
		}
		p := &mail.Parsed{MessageID: id, InReplyTo: inReplyTo, Subject: subject, SubjectKey: strings.ToLower(strings.TrimPrefix(subject, "Re: ")),
			From: mail.Address{Name: fromName, Email: from}, To: to, Date: at, Text: body, Snippet: body}
		if inReplyTo != "" {
			p.References = []string{inReplyTo}
		}
		raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nFrom: %s <%s>\r\nSubject: %s\r\nDate: %s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
			id, fromName, from, subject, at.Format(time.RFC1123Z), body)
		_, err := store.Ingest(ctx, folder.ID, []mail.Incoming{{UID: uid, ReceivedAt: at, Raw: raw, Parsed: p}}, uid+1)
		must(t, err)
		return id
	}
	convOf := func(msgID string) int64 {
		var id int64
		must(t, w.DB().Read().QueryRowContext(ctx, "SELECT conversation_id FROM messages WHERE message_key = ?", msgID).Scan(&id))
		return id
	}
	at := func(h, m int) time.Time { return time.Date(2026, 3, 3, h, m, 0, 0, time.UTC) }

	parcel := deliver("Gary Miller", "gary@example.net", "Subscription box not delivered",
		"Hello, this month's box never arrived. Order NC-48102.", at(10, 0).Add(-24*time.Hour), "")
	bitter := deliver("Tereza Nováková", "tereza@example.cz", "Hořká káva", "Dobrý den, poslední balíček je hořký.", at(10, 30), "")
	deliver("Nordlys Coffee", Brand, "Re: Hořká káva", "Dobrý den Terezo, pošleme nový balíček.", at(11, 0), bitter)
	decaf := deliver("Алексей Ёлкин", "a.yolkin@example.com", "Кофе без кофеина?", "Здравствуйте! Есть ли у вас кофе без кофеина?", at(15, 30), "")
	rude := deliver("Rune Dahlberg", "rune@example.org", "you people are a joke", "Overpriced garbage.", at(12, 0), "")
	deliver("Rune Dahlberg", "rune@example.org", "Re: you people are a joke", "Still waiting, idiots.", at(12, 40), rude)
	wholesale := deliver("Mikkel Sørensen", "mikkel@kaffebaren.example", "Wholesale beans", "We would like 10 kg a week.", at(9, 30), "")

	sd := Seeded{Inbox: s, Conversations: map[string]int64{"parcel": convOf(parcel), "bitter": convOf(bitter), "decaf": convOf(decaf),
		"rude": convOf(rude), "wholesale": convOf(wholesale)}}
	// Fixed global ids, so a golden note does not change from run to run.
	for name, id := range sd.Conversations {
		must(t, w.DB().Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE conversations SET gid = ? WHERE id = ?", GID(name), id)
			return err
		}))
	}
	var staff inbox.Staff
	staff, err = s.AddStaff(ctx, "Erik Dahl")
	must(t, err)
	clock = at(11, 1)
	must(t, s.Resolve(ctx, sd.Conversations["bitter"], 24*time.Hour))
	clock = at(11, 5)
	must(t, s.Assign(ctx, sd.Conversations["parcel"], staff.ID))
	clock = at(12, 45)
	var rune int64
	must(t, w.DB().Read().QueryRowContext(ctx, "SELECT id FROM contacts WHERE email = 'rune@example.org'").Scan(&rune))
	_, err = people.Warn(ctx, rune, sd.Conversations["rude"], "Insults the staff")
	must(t, err)
	clock = at(13, 0)
	must(t, people.Mute(ctx, rune, "Second insult within the hour"))
	clock = at(13, 30)
	must(t, s.Snooze(ctx, sd.Conversations["wholesale"], Now.Add(20*time.Hour)))
	clock = at(14, 0)
	_, err = out.Queue(ctx, outbox.Reply{ConversationID: sd.Conversations["parcel"], Body: "Hi Gary, a new box leaves on Thursday.",
		SendAt: Now.Add(30 * time.Hour)})
	must(t, err)
	// A reply the outbox sent whose copy has not synced back from the server yet.
	clock = at(15, 40)
	_, err = out.Queue(ctx, outbox.Reply{ConversationID: sd.Conversations["decaf"], Body: "Здравствуйте! Пока нет, но весной будет."})
	must(t, err)
	rep, err := out.SendDue(ctx, acceptingServer{})
	must(t, err)
	if rep.Sent != 1 {
		t.Fatalf("handovertest: the reply was not sent: %+v", rep)
	}
	// The roastery's bad batch: a playbook written and activated, one checklist step done.
	cs := crisis.NewStore(w, crisis.Options{Agent: "Anna Lind", Now: func() time.Time { return clock }})
	clock = at(15, 50)
	_, err = cs.SavePlaybook(ctx, crisis.Playbook{Name: "Quality problem with a roast batch", Severity: "high", Steps: []crisis.Step{
		{Text: "Confirm the batch number with two customers", Owner: "Community manager"},
		{Text: "Tell the roastery's quality lead", Owner: "Account lead"},
		{Text: "Send the holding statement to every linked conversation", Owner: "Community manager"}}})
	must(t, err)
	clock = at(16, 0)
	_, err = cs.StartIncident(ctx, crisis.Start{Playbook: "Quality problem with a roast batch",
		Reason: "Batch NC-2611 tastes bitter, says Tereza Nováková", Conversations: []int64{sd.Conversations["bitter"]}})
	must(t, err)
	clock = at(16, 10)
	_, err = cs.SetStep(ctx, 1, true)
	must(t, err)

	// The schedule: Anna's shift today, Erik's tomorrow, a post and a follow-up planned.
	sch := schedule.Open(w, schedule.Options{Agent: "Anna Lind", Now: func() time.Time { return clock }})
	clock = at(16, 15)
	_, err = sch.AddShift(ctx, schedule.Shift{Staff: "Anna Lind", Weekday: time.Tuesday, Interval: schedule.Interval{Start: 10 * 60, End: 19 * 60}})
	must(t, err)
	_, err = sch.AddShift(ctx, schedule.Shift{Staff: "Erik Dahl", Weekday: time.Wednesday, Interval: schedule.Interval{Start: 8 * 60, End: 16 * 60}})
	must(t, err)
	_, err = sch.AddPost(ctx, schedule.Post{Channel: "Instagram", At: time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC),
		Text: "Replacement bags of Midnight Sun roast on Thursday", Status: "approved"})
	must(t, err)
	_, err = sch.AddFollowUp(ctx, schedule.FollowUp{ConversationID: sd.Conversations["decaf"], Body: "Did the extra fine grind work in your cezve?",
		At: Now.Add(20 * time.Hour)})
	must(t, err)

	clock = at(15, 45)
	_, err = s.AddNote(ctx, sd.Conversations["decaf"], "Asks for decaf. None until spring; we can grind extra fine.")
	must(t, err)

	f := faq.NewStore(w)
	f.Now = func() time.Time { return at(14, 30) }
	_, err = f.Save(ctx, "", faq.Draft{Question: "Do you have decaf?", Answer: "Not until the spring range.", Owner: "Anna"})
	must(t, err)

	// The customer's second message reopened the parcel conversation, as sync journals it.
	must(t, w.DB().Write(ctx, func(tx *sql.Tx) error {
		_, err := journal.Write(ctx, tx, at(9, 40), journal.Sync, GID("parcel"), "conversation.status", journal.Change{From: "resolved", To: "open"})
		return err
	}))
	_, err = handover.AddNote(ctx, w, "Anna Lind", "Gary Miller calls back tomorrow about NC-48102 (gary@example.net); the refund is approved.", at(16, 30))
	must(t, err)
	return sd
}

// GID is the fixed global id Seed gives the conversation named name.
func GID(name string) string {
	h := 0
	for _, r := range name {
		h = h*31 + int(r)
	}
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", uint32(h), len(name))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// acceptingServer takes every reply and files nothing: the Sent copy comes back with
// the next sync, which this shift has not had yet.
type acceptingServer struct{}

func (acceptingServer) Compose(o outbox.Outgoing) ([]byte, error) {
	return fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: Re: %s\r\n\r\n%s\r\n", o.MessageID, o.Subject, o.Text), nil
}
func (acceptingServer) Submit(_ context.Context, _ outbox.Submission, beforeData func() error) error {
	return beforeData()
}
func (acceptingServer) FileSent(context.Context, string, []byte) error { return nil }
func (acceptingServer) InSent(context.Context, string, string) (bool, error) {
	return false, nil
}
