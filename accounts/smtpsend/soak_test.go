//go:build soak

package smtpsend_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// TestSoak is the long fault suite, `make soak` (build tag soak, so `make test` neither
// runs nor skips it): hundreds of kills during first syncs over a throttled link that is
// also cut every few hundred KB, and during sends. SOAK_KILLS sets the number of kills
// (default 300, three quarters of them during syncs), SOAK_SEED the randomness.
func TestSoak(t *testing.T) {
	kills := envInt("SOAK_KILLS", 300)
	seed := envInt("SOAK_SEED", time.Now().Nanosecond())
	start := time.Now()
	rep := faultScenario{messages: 1500, replies: 120, syncKills: kills * 3 / 4, sendKills: kills - kills*3/4,
		maxDelay: 1500 * time.Millisecond, throttle: 400 << 10, cutEvery: 600 << 10, stallAndSilentServer: true, feed: 40}.run(t, int64(seed))
	line := fmt.Sprintf("soak (seed %d, %v): %s", seed, time.Since(start).Round(time.Second), rep)
	fmt.Println(line)
	t.Log(line)
	if rep.Lost+rep.Doubled+rep.DoubleSends+rep.RepliesLost+rep.WrongWorkspace != 0 {
		t.Fatalf("the faults cost something: %s", rep)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
