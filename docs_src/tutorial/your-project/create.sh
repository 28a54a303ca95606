npm create trellis@latest my-api
cd my-api
npm install
npm test        # the generated tests, through TestClient
npm run dev     # http://127.0.0.1:8000, docs at /docs; restarts on every change
