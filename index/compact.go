package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// Compact merges the index's segments into as few as it can. A search
// opens every term in every segment, so after a large build or update a
// compact index answers several times faster. It runs while searches and
// updates go on, and returns when done.
func (ix *Index) Compact(ctx context.Context) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return fmt.Errorf("compacting the index: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil // not a scorch index: nothing to do
	}
	plan := mergeplan.SingleSegmentMergePlanOptions
	if err := s.ForceMerge(ctx, &plan); err != nil {
		return fmt.Errorf("compacting the index: %w", err)
	}
	return nil
}
