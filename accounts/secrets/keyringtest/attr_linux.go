package keyringtest

import "syscall"

// childAttr kills the daemons if the test process dies without cleanup
// (a panic, a timeout, ^C). The signal follows the OS thread that started the
// child; Go only retires threads of goroutines that exit while locked to
// them, which test goroutines never are.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
