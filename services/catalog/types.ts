// The catalog contract.

export interface Book {
  id: string; // "bk-1"
  isbn: string; // ISBN-13, digits only
  title: string;
  authors: string[];
  topic: string;
  year?: number;
  price: number; // currency units, cents at most
  createdAt: string;
  updatedAt: string;
}
