npm run test:long          # TRELLIS_LONG=1 jest test/reliability
