package verbs

import "testing"

func TestBase(t *testing.T) {
	for w, want := range map[string]string{"blew": "blow", "began": "begin", "left": "leave", "cut": "cut", "did": "do", "frozen": "freeze"} {
		if got, ok := Base(w); !ok || got != want {
			t.Errorf("Base(%q) = %q, %v; want %q", w, got, ok, want)
		}
	}
	for _, w := range []string{"blow", "walked", "", "Blew"} {
		if got, ok := Base(w); ok {
			t.Errorf("Base(%q) = %q, want none", w, got)
		}
	}
	if !IsBase("blow") || !IsBase("leave") || IsBase("blew") || IsBase("walk") {
		t.Error("IsBase")
	}
}

// The index folds none of the forms that are also words of another
// meaning, and every form it folds is known to Base.
func TestFoldedLeavesOutOtherMeanings(t *testing.T) {
	n := 0
	for form, b := range Folded() {
		n++
		switch form {
		case "left", "found", "saw", "rose", "born", "had", "did", "cut":
			t.Errorf("the index folds %q", form)
		}
		if got, ok := Base(form); !ok || got != b {
			t.Errorf("Base(%q) = %q, want %q", form, got, b)
		}
	}
	if n < 130 {
		t.Errorf("%d folded forms", n)
	}
}
