// Package inboxtest fills a workspace with generated conversations for the Inbox pane's
// tests and benchmark: real raw messages imported through the mail store's API, so list,
// search and "show original" see what a synced mailbox would give them.
package inboxtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// Brand is the address the generated replies come from.
const Brand = "support@brand.example"

var (
	first = []string{"Anna", "Erik", "Sofia", "Lars", "Ingrid", "Mikael", "Freja", "Oskar", "Astrid", "Jonas",
		"Maja", "Nils", "Elin", "Tomás", "Lucía", "Petra", "Jiří", "Olga", "João", "Marta"}
	last = []string{"Lindqvist", "Berg", "Nyström", "Hansen", "Dahl", "Johansson", "Novák", "García",
		"Petrova", "Silva", "Andersen", "Holm", "Sandberg", "Kowalski", "Eriksen"}
	topics = []struct{ subject, body string }{
		{"Where is my order #%d?", "Hi, I ordered a bag of Fjellbrent last week and it still has not arrived. The tracking page has not changed since Monday. Can you check?"},
		{"Subscription %d: skip next delivery", "Hello, we are travelling next month. Could you skip the next delivery of my subscription (order %d) and keep the rest as it is?"},
		{"Grinder setting for the V60", "Which grind setting do you recommend for the Morgengry beans in a V60? Mine tastes sour. Batch %d."},
		{"Refund for damaged package", "The package (order %d) arrived with the bag torn open and beans all over the box. I would like a refund or a replacement please."},
		{"Café opening hours in Stockholm", "Are you open on the public holiday this week at the Södermalm café? We are a group of %d."},
		{"Wholesale enquiry", "We run a small bakery and would like to serve your coffee. Do you offer wholesale prices from %d kg a month?"},
		{"Allergy question", "Does the Vinterlys blend contain any flavouring or traces of nuts? My son has an allergy. Thanks, order %d."},
		{"Changed address", "I moved last week. Please send subscription %d to my new address: Storgatan 12, 413 01 Göteborg."},
		{"Discount code not working", "The code NORDLYS%d says it has expired, but the newsletter says it is valid until Sunday."},
		{"Gift card balance", "How do I see how much is left on the gift card number %d I got for my birthday?"},
	}
)

// Options shape the generated inbox.
type Options struct {
	Now     time.Time     // conversations end before this time
	Span    time.Duration // spread of the conversations back from Now (default 14 days)
	Seed    uint64        // same seed, same inbox
	Replied int           // one conversation in Replied has our reply as its last message (default 3)
	Batch   int           // messages imported per transaction (default 1000)
}

// Seed imports n conversations into w: customer mail in a local "INBOX" folder, our
// replies in "Sent". It returns the number of messages stored.
func Seed(ctx context.Context, w *workspace.Workspace, n int, o Options) (int, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Span == 0 {
		o.Span = 14 * 24 * time.Hour
	}
	if o.Replied == 0 {
		o.Replied = 3
	}
	if o.Batch == 0 {
		o.Batch = 1000
	}
	rng := rand.New(rand.NewPCG(o.Seed, 42))
	store := mail.Open(w)
	var in, sent []mail.Incoming
	stored := 0
	flush := func() error {
		for _, b := range []struct {
			folder string
			msgs   *[]mail.Incoming
		}{{"INBOX", &in}, {"Sent", &sent}} {
			if len(*b.msgs) == 0 {
				continue
			}
			if _, err := store.ImportLocal(ctx, b.folder, *b.msgs); err != nil {
				return err
			}
			stored += len(*b.msgs)
			*b.msgs = (*b.msgs)[:0]
		}
		return nil
	}
	for i := range n {
		// Conversation i is older the larger i is, so row order follows i.
		at := o.Now.Add(-time.Duration(float64(o.Span) * float64(i+1) / float64(n+1)))
		fn, ln := first[rng.IntN(len(first))], last[rng.IntN(len(last))]
		t := topics[rng.IntN(len(topics))]
		from := mail.Address{Name: fn + " " + ln, Email: fmt.Sprintf("%s.%s%d@mail.example", strings.ToLower(ascii(fn)), strings.ToLower(ascii(ln)), i)}
		subject := t.subject
		if strings.Contains(subject, "%d") {
			subject = fmt.Sprintf(subject, 1000+i)
		}
		m := Message(fmt.Sprintf("c%d@customer.example", i), "", from, mail.Address{Name: "Support", Email: Brand},
			subject, fmt.Sprintf(t.body, 1000+i), at.Add(-time.Hour))
		m.Flags = mail.Seen
		if rng.IntN(4) == 0 {
			m.Flags = 0
		}
		in = append(in, m)
		if i%o.Replied == 0 {
			sent = append(sent, Message(fmt.Sprintf("r%d@brand.example", i), fmt.Sprintf("c%d@customer.example", i),
				mail.Address{Name: "Support", Email: Brand}, from, "Re: "+subject,
				fmt.Sprintf("Hi %s,\n\nThanks for writing. We are looking into it and will get back to you today.\n\nWarm regards,\nSupport", fn), at))
		}
		if len(in)+len(sent) >= o.Batch {
			if err := flush(); err != nil {
				return stored, err
			}
		}
	}
	return stored, flush()
}

// Message builds one plain-text message with its raw bytes and what the parser would read.
func Message(id, inReplyTo string, from, to mail.Address, subject, body string, date time.Time) mail.Incoming {
	var raw strings.Builder
	fmt.Fprintf(&raw, "Message-ID: <%s>\r\nDate: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\n", id, date.Format(time.RFC1123Z), from, to, subject)
	var refs []string
	if inReplyTo != "" {
		fmt.Fprintf(&raw, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", inReplyTo, inReplyTo)
		refs = []string{inReplyTo}
	}
	raw.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	raw.WriteString(strings.ReplaceAll(body, "\n", "\r\n"))
	snippet := []rune(strings.Join(strings.Fields(body), " "))
	if len(snippet) > 160 {
		snippet = snippet[:160]
	}
	return mail.Incoming{
		ReceivedAt: date,
		Raw:        []byte(raw.String()),
		Parsed: &mail.Parsed{
			MessageID: id, InReplyTo: inReplyTo, References: refs,
			Subject: subject, SubjectKey: strings.ToLower(strings.TrimPrefix(subject, "Re: ")),
			From: from, To: []mail.Address{to}, Date: date, Text: body, Snippet: string(snippet),
		},
	}
}

// ascii keeps the letters an address may hold.
func ascii(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 {
			return r
		}
		return 'x'
	}, s)
}
