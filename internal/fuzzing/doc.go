// Package fuzzing holds no code: its test runs every fuzz test of the
// module briefly (go test -fuzz, 5 to 10 s each), so that `go test ./...`,
// what CI runs, fuzzes too. `go test -short ./...` leaves it out.
package fuzzing
