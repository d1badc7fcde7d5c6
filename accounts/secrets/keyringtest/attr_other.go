//go:build !linux

package keyringtest

import "syscall"

func childAttr() *syscall.SysProcAttr { return nil }
