// Command testreport runs go test with -json and the arguments it is
// given, and prints what go test prints without -v (each package's line,
// the output of the tests that failed, build errors), then the count of
// tests passed, failed and skipped, and last a line naming each skipped
// test and why, so that a skipped PostgreSQL or browser test is seen. It
// exits with go test's exit code. The go command is $GO, or go.
//
//	go run ./internal/testreport -race ./...
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs go test -json with args and reports on w; it returns the exit
// code.
func run(args []string, w, errw io.Writer) int {
	goCmd := os.Getenv("GO")
	if goCmd == "" {
		goCmd = "go"
	}
	cmd := exec.Command(goCmd, append([]string{"test", "-json"}, args...)...)
	cmd.Stderr = errw
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(errw, "testreport:", err)
		return 2
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(errw, "testreport:", err)
		return 2
	}
	sum := report(out, w)
	err = cmd.Wait()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode()
	case err != nil:
		fmt.Fprintln(errw, "testreport:", err)
		return 2
	case sum.Failed > 0:
		return 1 // go test exits 1 then; never report success on a failure
	}
	return 0
}
