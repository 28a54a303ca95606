// A client in Node 22+ or a browser, where WebSocket is a global (Node 20: the "ws" package).
const ws = new WebSocket('ws://127.0.0.1:8000/chat?token=token-for-ada');
ws.onmessage = (event) => console.log(String(event.data)); // {"hello":"ada"}, then "ada: hi"
ws.onopen = () => ws.send('hi');
