package main

import "io"

func runMeasure(w io.Writer, first, last int, openapi string) error { return nil }
