npm install && npm start   # builds the packages and starts the example API (http://127.0.0.1:8000, docs at /docs)
npm test                   # type-checks every package, example and docs_src file, then runs every test
npm run docs:dev           # the documentation site, live (http://localhost:5173)
npm run docs:build         # the documentation site, built into docs/.vitepress/dist
