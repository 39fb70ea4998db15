-- Privacy requests of users who are not contributors reach their feedback by token subject
-- (/internal/atoms/authors/...): find it without scanning.
CREATE INDEX rating_author_subject_idx ON rating (author_subject) WHERE author_subject IS NOT NULL;
CREATE INDEX feedback_comment_author_subject_idx ON feedback_comment (author_subject);
