package secrets

import (
	"context"
	"fmt"
)

// slot lets one keyring call run at a time. A call stuck behind an unlock
// prompt keeps the slot until the user answers; later calls then time out
// waiting for it instead of each leaking another blocked goroutine, so at most
// one goroutine is ever stranded.
var slot = make(chan struct{}, 1)

type result struct {
	v   string
	err error
}

// do runs f off the caller's goroutine and gives up after the Store's timeout
// or when ctx ends. go-keyring has no way to cancel a D-Bus call, so on a
// timeout f keeps running; that is acceptable because it is bounded to one
// goroutine (see slot), it finishes as soon as the keyring answers or the bus
// goes away, and it holds no lock of ours but the slot.
func (s *Store) do(ctx context.Context, f func() (string, error)) (string, error) {
	if err := sessionBusKnown(); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()

	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		return "", s.ctxErr(ctx)
	}
	done := make(chan result, 1) // buffered: a late answer must not block the goroutine
	go func() {
		defer func() { <-slot }()
		v, err := f()
		done <- result{v, classify(err)}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return "", s.ctxErr(ctx)
	}
}

func (s *Store) ctxErr(ctx context.Context) error {
	if ctx.Err() == context.DeadlineExceeded {
		return timeoutError{limit: s.timeout.String()}
	}
	return fmt.Errorf("keyring call abandoned: %w", ctx.Err())
}
