from protocol_review.cli import main

raise SystemExit(main())
