from ocop_site.cli import main

raise SystemExit(main())
